package org.vladapter.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;

/** A LayerNorm over the last axis with {@code weight} (ones) and {@code bias} (zeros), PyTorch {@code nn.LayerNorm}. */
public final class LayerNormParams extends Module {

    private final Parameter weight;
    private final Parameter bias;
    private final float eps;

    /**
     * @param dim normalised size
     * @param eps epsilon
     */
    public LayerNormParams(long dim, float eps) {
        this.weight = param("weight", new Shape(dim), Initializers.ones());
        this.bias = param("bias", new Shape(dim), Initializers.zeros());
        this.eps = eps;
    }

    /**
     * @param x input [..., dim]
     * @return normalised input
     */
    public NDArray forward(NDArray x) {
        return Ops.layerNorm(x, weight.getArray(), bias.getArray(), eps);
    }
}
