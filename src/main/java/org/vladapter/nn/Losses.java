package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Token cross-entropy losses with HF's convention that label -100 is ignored. */
public final class Losses {

    /** The label value that is ignored. */
    public static final long IGNORE_INDEX = -100;

    private Losses() {}

    /**
     * Per-token negative log-likelihood and the mask of counted tokens.
     *
     * @param logits [B, T, V]
     * @param labels [B, T] int64, -100 where ignored
     * @return {nll [B, T] (0 where ignored), mask [B, T] float}
     */
    public static NDArray[] tokenNll(NDArray logits, NDArray labels) {
        NDArray mask = labels.neq(IGNORE_INDEX).toType(DataType.FLOAT32, false);
        NDArray safe = labels.mul(mask.toType(DataType.INT64, false));
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked = logProbs.gather(safe.expandDims(-1), -1).squeeze(-1);
        return new NDArray[] {picked.neg().mul(mask), mask};
    }

    /**
     * Mean over all counted tokens of the batch (HF's loss; VL-Adapter's caption loss).
     *
     * @param logits [B, T, V]
     * @param labels [B, T]
     * @return scalar loss
     */
    public static NDArray tokenMean(NDArray logits, NDArray labels) {
        NDArray[] nm = tokenNll(logits, labels);
        return nm[0].sum().div(nm[1].sum().maximum(1f));
    }

    /**
     * Per-example mean over counted tokens (VL-Adapter's per-example loss before weighting).
     *
     * @param logits [B, T, V]
     * @param labels [B, T]
     * @return [B]
     */
    public static NDArray exampleMeans(NDArray logits, NDArray labels) {
        NDArray[] nm = tokenNll(logits, labels);
        return nm[0].sum(new int[] {1}).div(nm[1].sum(new int[] {1}).maximum(1f));
    }
}
