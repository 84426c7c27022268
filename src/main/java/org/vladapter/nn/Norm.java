package org.vladapter.nn;

import ai.djl.ndarray.NDArray;

/** A normalisation over the last axis ({@link LayerNorm}, {@link RmsNorm}). */
public interface Norm {

    /**
     * @param x input [..., d]
     * @return normalised input
     */
    NDArray forward(NDArray x);

    /** @return this norm as a module, for registration in the parameter tree */
    Module asModule();
}
