package org.vladapter.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GridPoolingTest {

    /** A grid [n][1] whose token t holds value f(t). */
    private static float[][] column(float... values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new float[] {values[i]};
        }
        return out;
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            assertThat(rows[i]).hasSize(1);
            out[i] = rows[i][0];
        }
        return out;
    }

    @Test
    void sevenToSixWindowsHaveTwoRowsAndOverlapByOne() {
        int[][] expected = {{0, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 6}, {5, 7}};
        for (int i = 0; i < 6; i++) {
            assertThat(new int[] {GridPooling.windowStart(i, 7, 6), GridPooling.windowEnd(i, 7, 6)})
                    .as("window %d", i)
                    .containsExactly(expected[i]);
        }
    }

    @Test
    void fiveToThreeWindowsFollowTorchRule() {
        // torch: start = floor(i*5/3), end = ceil((i+1)*5/3) -> [0,2), [1,4), [3,5)
        assertThat(new int[] {GridPooling.windowStart(1, 5, 3), GridPooling.windowEnd(1, 5, 3)}).containsExactly(1, 4);
        assertThat(new int[] {GridPooling.windowStart(2, 5, 3), GridPooling.windowEnd(2, 5, 3)}).containsExactly(3, 5);
    }

    @Test
    void sevenBySevenIncreasingGridPoolsToBottomRightOfEachWindow() {
        float[] values = new float[49];
        for (int t = 0; t < 49; t++) {
            values[t] = t;
        }
        float[] out = flat(GridPooling.adaptiveMaxPool2d(column(values), 6));
        assertThat(out).hasSize(36);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                // window rows {i, i+1}, cols {j, j+1}: the max of an increasing grid is at (i+1, j+1)
                assertThat(out[i * 6 + j]).isEqualTo((i + 1) * 7 + (j + 1));
            }
        }
    }

    @Test
    void overlappingWindowsShareAPeak() {
        // a single peak at (3,3) of a 7x7 grid is seen by the four windows (2,2), (2,3), (3,2), (3,3)
        float[] values = new float[49];
        values[3 * 7 + 3] = 5f;
        float[] out = flat(GridPooling.adaptiveMaxPool2d(column(values), 6));
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                boolean sees = (i == 2 || i == 3) && (j == 2 || j == 3);
                assertThat(out[i * 6 + j]).as("cell %d,%d", i, j).isEqualTo(sees ? 5f : 0f);
            }
        }
    }

    @Test
    void threeByThreeToTwoByTwoByHand() {
        // grid          windows rows [0,2),[1,3) and cols [0,2),[1,3)
        //  1 9 2
        //  4 0 3   ->   9 9
        //  -1 8 -5      8 8
        float[] out = flat(GridPooling.adaptiveMaxPool2d(column(1, 9, 2, 4, 0, 3, -1, 8, -5), 2));
        assertThat(out).containsExactly(9, 9, 8, 8);
    }

    @Test
    void poolsEachFeatureChannelIndependently() {
        float[][] grid = new float[4][];
        for (int t = 0; t < 4; t++) {
            grid[t] = new float[] {t, -t};
        }
        float[][] out = GridPooling.adaptiveMaxPool2d(grid, 1);
        assertThat(out).hasDimensions(1, 2);
        assertThat(out[0]).containsExactly(3f, 0f);
    }

    @Test
    void sameSizeIsIdentity() {
        float[][] grid = column(1, 2, 3, 4);
        assertThat(GridPooling.adaptiveMaxPool2d(grid, 2)).isSameAs(grid);
    }

    @Test
    void nonSquareGridIsRejected() {
        assertThatThrownBy(() -> GridPooling.adaptiveMaxPool2d(column(1, 2, 3), 1))
                .hasMessageContaining("square")
                .hasMessageContaining("3");
    }

    @Test
    void imagePairIsPooledPerHalf() {
        float[] values = new float[98];
        for (int t = 0; t < 49; t++) {
            values[t] = t;          // image 0: increasing
            values[49 + t] = -t;    // image 1: decreasing
        }
        float[] out = flat(GridPooling.poolHalves(column(values), 6));
        assertThat(out).hasSize(72);
        assertThat(out[0]).isEqualTo(8f);       // image 0, window (0,0): max at (1,1)
        assertThat(out[35]).isEqualTo(48f);     // image 0, window (5,5)
        assertThat(out[36]).isEqualTo(0f);      // image 1, window (0,0): max at (0,0) = -0
        assertThat(out[71]).isEqualTo(-40f);    // image 1, window (5,5): max at (5,5) = -(5*7+5)
    }

    @Test
    void shortClipsAreZeroPadded() {
        float[][] frames = {{1, 2}, {3, 4}};
        float[][] out = GridPooling.resizeFrames(frames, 4, 2);
        assertThat(out).hasDimensions(4, 2);
        assertThat(out[1]).containsExactly(3, 4);
        assertThat(out[2]).containsExactly(0, 0);
        assertThat(out[3]).containsExactly(0, 0);
        assertThat(GridPooling.resizeFrames(new float[0][], 2, 3)).hasDimensions(2, 3);
    }

    @Test
    void longClipsAreMaxPooledOverTime() {
        // 5 -> 3 frames: windows [0,2), [1,4), [3,5)
        float[] out = flat(GridPooling.resizeFrames(column(5, 1, 0, 7, 2), 3, 1));
        assertThat(out).containsExactly(5, 7, 7);
        // 65 -> 64: every window has two frames except none; the last frame is kept in the last window
        float[] ramp = new float[65];
        for (int i = 0; i < 65; i++) {
            ramp[i] = i;
        }
        float[] pooled = flat(GridPooling.resizeFrames(column(ramp), 64, 1));
        assertThat(pooled[0]).isEqualTo(1f);
        assertThat(pooled[63]).isEqualTo(64f);
    }

    @Test
    void nanPropagatesLikeTorch() {
        float[] out = flat(GridPooling.adaptiveMaxPool2d(column(1, Float.NaN, 3, 4), 1));
        assertThat(out[0]).isNaN();
    }

    @Test
    void poolsIntoAFlatBufferAtAnOffset() {
        float[][] grid = new float[9][];
        for (int t = 0; t < 9; t++) {
            grid[t] = new float[] {t, 10 * t};
        }
        float[] out = new float[2 + 4 * 2];
        GridPooling.adaptiveMaxPool2d(grid, 2, out, 2);
        // windows of 3x3 -> 2x2 cover rows/cols {0,1} and {1,2}: maxima at tokens 4, 5, 7, 8
        assertThat(out).containsExactly(0, 0, 4, 40, 5, 50, 7, 70, 8, 80);
    }
}
