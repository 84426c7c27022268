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
        if (outSide == side) {
            return tokens;
        }
        int f = width(tokens);
        float[] flat = new float[outSide * outSide * f];
        adaptiveMaxPool2d(tokens, outSide, flat, 0);
        return rows(flat, outSide * outSide, f);
    }

    /**
     * {@code AdaptiveMaxPool2d((side, side))} written straight into a flat buffer (used by collation to
     * avoid intermediate arrays). As in PyTorch, NaN propagates; of {@code -0.0} and {@code 0.0} the result
     * is {@code 0.0}.
     *
     * @param tokens [s·s][F], row-major grid
     * @param outSide the output side t
     * @param out the buffer receiving t·t·F floats, row-major
     * @param offset where the first float goes
     */
    public static void adaptiveMaxPool2d(float[][] tokens, int outSide, float[] out, int offset) {
        int side = squareSide(tokens.length);
        if (outSide <= 0) {
            throw new IllegalArgumentException("output side must be positive, got " + outSide);
        }
        int f = width(tokens);
        for (int oh = 0; oh < outSide; oh++) {
            int h0 = windowStart(oh, side, outSide);
            int h1 = windowEnd(oh, side, outSide);
            for (int ow = 0; ow < outSide; ow++) {
                int w0 = windowStart(ow, side, outSide);
                int w1 = windowEnd(ow, side, outSide);
                int at = offset + (oh * outSide + ow) * f;
                System.arraycopy(tokens[h0 * side + w0], 0, out, at, f);
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        if (h != h0 || w != w0) {
                            maxInto(out, at, tokens[h * side + w]);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code F.adaptive_max_pool1d} over the token axis.
     *
     * @param tokens [L][F]
     * @param length output length
     * @return [length][F]; the input itself when {@code L == length}
     */
    public static float[][] adaptiveMaxPool1d(float[][] tokens, int length) {
        if (tokens.length == length) {
            return tokens;
        }
        int f = tokens.length == 0 ? 0 : width(tokens);
        float[] flat = new float[length * f];
        adaptiveMaxPool1d(tokens, length, flat, 0);
        return rows(flat, length, f);
    }

    /**
     * {@code F.adaptive_max_pool1d} over the token axis, written into a flat buffer.
     *
     * @param tokens [L][F], L ≥ 1
     * @param length output length
     * @param out the buffer receiving length·F floats
     * @param offset where the first float goes
     */
    public static void adaptiveMaxPool1d(float[][] tokens, int length, float[] out, int offset) {
        int in = tokens.length;
        if (in == 0) {
            throw new IllegalArgumentException("cannot pool zero tokens");
        }
        int f = width(tokens);
        for (int i = 0; i < length; i++) {
            int t0 = windowStart(i, in, length);
            int at = offset + i * f;
            System.arraycopy(tokens[t0], 0, out, at, f);
            for (int t = t0 + 1; t < windowEnd(i, in, length); t++) {
                maxInto(out, at, tokens[t]);
            }
        }
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
        float[] flat = new float[length * featureDim];
        resizeFrames(frames, length, featureDim, flat, 0);
        return rows(flat, length, featureDim);
    }

    /**
     * {@link #resizeFrames(float[][], int, int)} written into a flat buffer whose padding rows are already
     * zero (a fresh array).
     *
     * @param frames [L][F]
     * @param length the frame count
     * @param featureDim F
     * @param out the buffer receiving length·F floats
     * @param offset where the first float goes
     */
    public static void resizeFrames(float[][] frames, int length, int featureDim, float[] out, int offset) {
        if (frames.length > 0 && width(frames) != featureDim) {
            throw new IllegalArgumentException("frames have " + frames[0].length + " features, expected " + featureDim);
        }
        if (frames.length > length) {
            adaptiveMaxPool1d(frames, length, out, offset);
            return;
        }
        for (int i = 0; i < frames.length; i++) {
            System.arraycopy(frames[i], 0, out, offset + i * featureDim, featureDim);
        }
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

    private static float[][] rows(float[] flat, int n, int f) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * f, (i + 1) * f);
        }
        return out;
    }

    private static void maxInto(float[] out, int at, float[] row) {
        // Math.max is branch-free (and NaN-propagating), which matters for random-looking features
        for (int k = 0; k < row.length; k++) {
            out[at + k] = Math.max(out[at + k], row[k]);
        }
    }
}
