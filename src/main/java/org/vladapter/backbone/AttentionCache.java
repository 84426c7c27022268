package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Keys and values of one attention module across generation steps: self-attention grows by the new
 * tokens each step; cross-attention is computed once from the encoder output and reused.
 */
public final class AttentionCache {

    private NDArray keys;
    private NDArray values;

    /** @return the cached keys [B, H, S, dh], or {@code null} before the first step */
    public NDArray keys() {
        return keys;
    }

    /** @return the cached values [B, H, S, dh], or {@code null} before the first step */
    public NDArray values() {
        return values;
    }

    /** @return the number of cached positions */
    public long length() {
        return keys == null ? 0 : keys.getShape().get(2);
    }

    /**
     * Appends new keys and values along the sequence axis.
     *
     * @param newKeys [B, H, T, dh]
     * @param newValues [B, H, T, dh]
     */
    public void append(NDArray newKeys, NDArray newValues) {
        if (keys == null) {
            keys = newKeys;
            values = newValues;
        } else {
            keys = NDArrays.concat(new NDList(keys, newKeys), 2);
            values = NDArrays.concat(new NDList(values, newValues), 2);
        }
    }

    /**
     * Sets keys and values once (cross-attention).
     *
     * @param k [B, H, S, dh]
     * @param v [B, H, S, dh]
     */
    public void set(NDArray k, NDArray v) {
        keys = k;
        values = v;
    }

    /**
     * Reorders the batch rows (beam search keeps the cache of the surviving beams).
     *
     * @param rows the source row of each new row [B]
     */
    public void selectRows(NDArray rows) {
        if (keys != null) {
            keys = keys.get(rows);
            values = values.get(rows);
        }
    }
}
