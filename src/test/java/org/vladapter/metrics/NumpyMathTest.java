package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NumpyMathTest {

    @Test
    void meanOfSmallArrays() {
        assertThat(NumpyMath.mean(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
        assertThat(NumpyMath.mean(new double[] {0.5})).isEqualTo(0.5);
        assertThatThrownBy(() -> NumpyMath.mean(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sumUsesEightAccumulatorsLikeNumpy() {
        // [1e16, 1, 1, 1, 1, 1, 1, 1, 1] (n = 9). numpy's pairwise sum keeps 8 accumulators r0..r7 = the first 8
        // values, combines ((r0+r1)+(r2+r3)) + ((r4+r5)+(r6+r7)) and adds the 9th value last:
        //   r0+r1 = 1e16+1 -> tie between 1e16 and 1e16+2 (spacing 2), even mantissa -> 1e16
        //   + (r2+r3) = 1e16+2; + ((r4+r5)+(r6+r7)) = 1e16+6; + 1 = 1e16+7 -> tie, even -> 1e16+8.
        // A left-to-right sum loses every 1 (1e16+1 -> 1e16 each time) and gives 1e16.
        double[] a = new double[9];
        Arrays.fill(a, 1.0);
        a[0] = 1e16;
        assertThat(NumpyMath.sum(a)).isEqualTo(1e16 + 8);
        double sequential = 0;
        for (double v : a) {
            sequential += v;
        }
        assertThat(sequential).isEqualTo(1e16);
    }

    @Test
    void largeArraysSplitIntoHalves() {
        double[] a = new double[1000];
        Arrays.fill(a, 0.25);
        assertThat(NumpyMath.sum(a)).isEqualTo(250.0);
        assertThat(NumpyMath.mean(a)).isEqualTo(0.25);
    }
}
