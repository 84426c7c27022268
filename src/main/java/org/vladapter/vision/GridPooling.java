package org.vladapter.vision;

/**
 * Adaptive max pooling of visual tokens on plain float arrays, applied while a batch is collated (the
 * original pools inside the model with {@code nn.AdaptiveMaxPool2d} / {@code F.adaptive_max_pool1d}; the
 * result is the same, and pooling before the tensors exist keeps batches small).
 *
 * <p>Windows follow PyTorch's adaptive pooling rule: output cell {@code i} of {@code out} over an input of
 * length {@code in} covers {@code [floor(i·in/out), ceil((i+1)·in/out))}. For 7→6 every window has two
 * rows and neighbouring windows overlap by one. Tokens are rows {@code [N][F]}; a square grid is stored
 * row-major ({@code token = h·side + w}), as CLIP's {@code (7, 7, 2048) → (49, 2048)} reshape produces.
 */
public final class GridPooling {

    private GridPooling() {}

    /**
     * @param i output index
     * @param in input length
     * @param out output length
     * @return the first input index of window {@code i} (inclusive)
     */
    public static int windowStart(int i, int in, int out) {
        return (int) Math.floorDiv((long) i * in, out);
    }

    /**
     * @param i output index
     * @param in input length
     * @param out output length
     * @return the end of window {@code i} (exclusive)
     */
    public static int windowEnd(int i, int in, int out) {
        return (int) -Math.floorDiv(-(long) (i + 1) * in, out);
    }

    /**
     * {@code AdaptiveMaxPool2d((side, side))} over a square grid of tokens.
     *
     * @param tokens [s·s][F], row-major grid
     * @param outSide the output side t
     * @return [t·t][F], row-major; the input itself when {@code t == s}
     * @throws IllegalArgumentException when the token count is not a square or rows differ in width
     */
    public static float[][] adaptiveMaxPool2d(float[][] tokens, int outSide) {
        int side = squareSide(tokens.length);
        if (outSide <= 0) {
            throw new IllegalArgumentException("output side must be positive, got " + outSide);
        }
        if (outSide == side) {
            return tokens;
        }
        int f = width(tokens);
        float[][] out = new float[outSide * outSide][];
        for (int oh = 0; oh < outSide; oh++) {
            int h0 = windowStart(oh, side, outSide);
            int h1 = windowEnd(oh, side, outSide);
            for (int ow = 0; ow < outSide; ow++) {
                int w0 = windowStart(ow, side, outSide);
                int w1 = windowEnd(ow, side, outSide);
                float[] cell = new float[f];
                java.util.Arrays.fill(cell, Float.NEGATIVE_INFINITY);
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        maxInto(cell, tokens[h * side + w]);
                    }
                }
                out[oh * outSide + ow] = cell;
            }
        }
        return out;
    }

    /**
     * {@code F.adaptive_max_pool1d} over the token axis.
     *
     * @param tokens [L][F]
     * @param length output length
     * @return [length][F]; the input itself when {@code L == length}
     */
    public static float[][] adaptiveMaxPool1d(float[][] tokens, int length) {
        int in = tokens.length;
        if (in == 0) {
            throw new IllegalArgumentException("cannot pool zero tokens");
        }
        if (in == length) {
            return tokens;
        }
        int f = width(tokens);
        float[][] out = new float[length][];
        for (int i = 0; i < length; i++) {
            float[] cell = new float[f];
            java.util.Arrays.fill(cell, Float.NEGATIVE_INFINITY);
            for (int t = windowStart(i, in, length); t < windowEnd(i, in, length); t++) {
                maxInto(cell, tokens[t]);
            }
            out[i] = cell;
        }
        return out;
    }

    /**
     * Resizes the frames of a clip to a fixed count as the original video datasets do: zero rows are
     * appended when there are fewer frames, adaptive max pooling over time is used when there are more.
     *
     * @param frames [L][F]
     * @param length the frame count (64)
     * @param featureDim F, needed when {@code L == 0}
     * @return [length][F]
     */
    public static float[][] resizeFrames(float[][] frames, int length, int featureDim) {
        if (frames.length > length) {
            return adaptiveMaxPool1d(frames, length);
        }
        float[][] out = new float[length][];
        System.arraycopy(frames, 0, out, 0, frames.length);
        for (int i = frames.length; i < length; i++) {
            out[i] = new float[featureDim];
        }
        return out;
    }

    /**
     * Pools the two images of an NLVR2 pair separately and concatenates them, as the original does for a
     * [B, 2·N, F] input (split into halves, pool each, re-join): 98 tokens become 72.
     *
     * @param pair [2·s·s][F], image 0 then image 1
     * @param outSide the output side t per image
     * @return [2·t·t][F]
     */
    public static float[][] poolHalves(float[][] pair, int outSide) {
        if (pair.length % 2 != 0) {
            throw new IllegalArgumentException("an image pair needs an even token count, got " + pair.length);
        }
        int half = pair.length / 2;
        float[][] first = adaptiveMaxPool2d(java.util.Arrays.copyOfRange(pair, 0, half), outSide);
        float[][] second = adaptiveMaxPool2d(java.util.Arrays.copyOfRange(pair, half, pair.length), outSide);
        float[][] out = new float[first.length + second.length][];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /**
     * @param tokens number of tokens
     * @return the side of the square grid
     * @throws IllegalArgumentException when the count is not a perfect square
     */
    public static int squareSide(int tokens) {
        int side = (int) Math.round(Math.sqrt(tokens));
        if (side * side != tokens || tokens == 0) {
            throw new IllegalArgumentException(
                    "grid pooling needs a square number of tokens (e.g. 49 = 7x7), got " + tokens);
        }
        return side;
    }

    private static int width(float[][] tokens) {
        int f = tokens[0].length;
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i].length != f) {
                throw new IllegalArgumentException(
                        "token " + i + " has " + tokens[i].length + " features, token 0 has " + f);
            }
        }
        return f;
    }

    private static void maxInto(float[] cell, float[] row) {
        for (int k = 0; k < cell.length; k++) {
            float x = row[k];
            // NaN propagates as in torch's max pooling
            if (x > cell[k] || Float.isNaN(x)) {
                cell[k] = x;
            }
        }
    }
}
