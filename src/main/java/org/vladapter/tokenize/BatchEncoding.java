package org.vladapter.tokenize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A batch of encodings padded on the right to the longest row.
 *
 * @param ids token ids, {@code [batch][length]}, padding with the pad id
 * @param attentionMask 1 for real tokens, 0 for padding, same shape as {@code ids}
 */
public record BatchEncoding(long[][] ids, long[][] attentionMask) {

    /** @return the number of rows */
    public int batchSize() {
        return ids.length;
    }

    /** @return the padded length (0 for an empty batch) */
    public int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }

    /**
     * @param manager the manager that will own the array
     * @return the ids as an INT64 array of shape {@code (batch, length)}
     */
    public NDArray idsArray(NDManager manager) {
        return manager.create(ids);
    }

    /**
     * @param manager the manager that will own the array
     * @return the mask as an INT64 array of shape {@code (batch, length)}
     */
    public NDArray maskArray(NDManager manager) {
        return manager.create(attentionMask);
    }
}
