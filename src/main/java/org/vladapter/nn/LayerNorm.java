package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** Layer normalisation with a learned scale ({@code weight}) and shift ({@code bias}), as nn.LayerNorm. */
public final class LayerNorm extends Module implements Norm {

    private final Parameter weight;
    private final Parameter bias;
    private final float eps;

    /**
     * @param dim normalised size
     * @param eps epsilon
     */
    public LayerNorm(long dim, float eps) {
        this.weight = param("weight", new Shape(dim), Initializer.ONES);
        this.bias = param("bias", new Shape(dim), Initializer.ZEROS);
        this.eps = eps;
    }

    /**
     * @param x input [..., dim]
     * @return normalised input
     */
    @Override
    public NDArray forward(NDArray x) {
        return Ops.layerNorm(x, weight.getArray(), bias.getArray(), eps);
    }

    @Override
    public Module asModule() {
        return this;
    }
}
