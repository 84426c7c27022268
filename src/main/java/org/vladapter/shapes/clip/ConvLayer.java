package org.vladapter.shapes.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;

import org.vladapter.nn.Initializers;
import org.vladapter.nn.Module;

/** A k x k convolution (k = 1 or 3, same padding) followed by ReLU, PyTorch weight layout [out, in, k, k], He initialisation. */
final class ConvLayer extends Module {

    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;

    ConvLayer(int in, int out, int stride, int kernel) {
        this.weight = param("weight", new Shape(out, in, kernel, kernel), Initializers.normal(Math.sqrt(2.0 / (in * kernel * kernel))));
        this.bias = param("bias", new Shape(out), Initializers.zeros());
        this.stride = stride;
        this.padding = kernel / 2;
    }

    NDArray forward(NDArray x) {
        return Activation.relu(Conv2d.conv2d(x, weight.getArray(), bias.getArray(), new Shape(stride, stride), new Shape(padding, padding))
                .singletonOrThrow());
    }
}
