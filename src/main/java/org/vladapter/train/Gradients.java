package org.vladapter.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Collection;

/** Gradient housekeeping. */
final class Gradients {

    private Gradients() {}

    /**
     * Sets the gradients of the given parameters to exactly zero (also clearing NaN/inf values).
     *
     * @param parameters trainable parameters
     */
    static void zero(Collection<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray a = p.getArray();
            if (a instanceof PtNDArray) {
                JniUtils.zeroGrad((PtNDArray) a); // grad.zero_(), no-op while undefined
            } else {
                NDArray g = a.getGradient();
                g.subi(g);
            }
        }
    }
}
