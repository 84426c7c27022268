package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** T5's layer norm: scale only, no mean subtraction, no bias ({@code T5LayerNorm}). */
public final class RmsNorm extends Module implements Norm {

    private final Parameter weight;
    private final float eps;

    /**
     * @param dim normalised size
     * @param eps epsilon
     */
    public RmsNorm(long dim, float eps) {
        this.weight = param("weight", new Shape(dim), Initializer.ONES);
        this.eps = eps;
    }

    /**
     * @param x input [..., dim]
     * @return normalised input
     */
    @Override
    public NDArray forward(NDArray x) {
        return Ops.rmsNorm(x, weight.getArray(), eps);
    }

    @Override
    public Module asModule() {
        return this;
    }
}
