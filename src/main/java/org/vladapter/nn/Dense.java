package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;

/**
 * A fully connected layer with PyTorch's layout: {@code weight} is [out, in], {@code y = x W^T + b}.
 */
public class Dense extends Module implements Projection {

    private final Parameter weight;
    private final Parameter bias;
    private final long inFeatures;
    private final long outFeatures;

    /**
     * @param inFeatures input size
     * @param outFeatures output size
     * @param withBias whether a bias is added
     * @param weightInit initializer for the weight
     * @param biasInit initializer for the bias (ignored without bias)
     */
    public Dense(long inFeatures, long outFeatures, boolean withBias, Initializer weightInit, Initializer biasInit) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = param("weight", new Shape(outFeatures, inFeatures), weightInit);
        this.bias = withBias ? param("bias", new Shape(outFeatures), biasInit) : null;
    }

    @Override
    public NDArray forward(NDArray x, ForwardContext ctx) {
        return forward(x);
    }

    /**
     * @param x input [..., in]
     * @return {@code x W^T + b}
     */
    public NDArray forward(NDArray x) {
        return Linear.linear(x, weight.getArray(), bias == null ? null : bias.getArray()).singletonOrThrow();
    }

    @Override
    public Module asModule() {
        return this;
    }

    /** @return the weight parameter [out, in] */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias parameter, or {@code null} */
    public Parameter bias() {
        return bias;
    }

    /** @return the input size */
    public long inFeatures() {
        return inFeatures;
    }

    /** @return the output size */
    public long outFeatures() {
        return outFeatures;
    }
}
