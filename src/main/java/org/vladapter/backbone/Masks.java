package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Additive attention masks, with HF's convention of adding the most negative float32 to masked scores. */
public final class Masks {

    /** The value added to masked attention scores (PyTorch's {@code finfo(float32).min}). */
    public static final float MASKED = -Float.MAX_VALUE;

    private Masks() {}

    /**
     * @param mask [B, S] with 1 for visible positions and 0 for padding (any numeric type)
     * @return [B, 1, 1, S] float: 0 where visible, {@link #MASKED} where padded
     */
    public static NDArray padding(NDArray mask) {
        NDArray m = mask.toType(DataType.FLOAT32, false);
        return m.neg().add(1f).mul(MASKED).expandDims(1).expandDims(1);
    }

    /**
     * A causal mask for {@code queries} new positions after {@code past} cached ones.
     *
     * @param manager where to create it
     * @param queries number of query positions T
     * @param past number of cached positions before them
     * @return [1, 1, T, past+T] float: 0 where key position ≤ query position, {@link #MASKED} elsewhere
     */
    public static NDArray causal(NDManager manager, long queries, long past) {
        int t = Math.toIntExact(queries);
        int s = Math.toIntExact(past + queries);
        float[] values = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                values[i * s + j] = j <= past + i ? 0f : MASKED;
            }
        }
        return manager.create(values, new Shape(1, 1, t, s));
    }
}
