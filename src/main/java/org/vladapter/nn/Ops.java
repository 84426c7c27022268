package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;


/** Stateless tensor functions shared by the backbones and PEFT modules. */
public final class Ops {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Ops() {}

    /**
     * @param x input
     * @return exact (erf) GELU, as BART uses
     */
    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /**
     * The tanh approximation HF calls {@code gelu_new}: {@code 0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3)))}.
     *
     * @param x input
     * @return activated input
     */
    public static NDArray geluNew(NDArray x) {
        NDArray cube = x.mul(x).mul(x);
        NDArray inner = scale(x.add(scale(cube, 0.044715f)), (float) SQRT_2_OVER_PI);
        return scale(x.mul(inner.tanh().add(1f)), 0.5f);
    }

    /**
     * {@code x * factor}, safe to differentiate. Use this instead of {@code x.mul(float)} (and {@code x.div},
     * {@code x.pow}, {@code maximum}/{@code minimum} with a number) on anything a gradient flows through.
     *
     * <p>Why: DJL's PyTorch engine implements {@code NDArray.mul(Number)} by wrapping the number in a tensor
     * that views a Java direct buffer ({@code from_blob}), running the tensor op, and closing the wrapper
     * right away. The multiplication's autograd node keeps that scalar tensor to compute the gradient; once
     * the garbage collector frees the buffer, the backward pass reads freed memory and the gradients come out
     * wrong (NaN or values like 1e22) on a small, random fraction of steps. Here the scalar is made by
     * {@code torch::full}, whose storage is native and outlives the Java handle.
     *
     * @param x input
     * @param factor the constant
     * @return {@code x * factor}, owned by {@code x}'s manager
     */
    public static NDArray scale(NDArray x, float factor) {
        try (NDArray s = x.getManager().full(new Shape(), factor, x.getDataType())) {
            return x.mul(s);
        }
    }

    /**
     * Looks rows of an embedding table up; the result lives with {@code ids} (the batch), not the table.
     *
     * @param ids int64 ids of any shape
     * @param table [rows, d]
     * @return [..., d]
     */
    public static NDArray embedding(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * LayerNorm over the last axis.
     *
     * @param x input [..., d]
     * @param weight gamma [d]
     * @param bias beta [d]
     * @param eps epsilon
     * @return normalised input
     */
    public static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, float eps) {
        long d = x.getShape().get(x.getShape().dimension() - 1);
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(d), weight, bias, eps).singletonOrThrow();
    }

    /**
     * T5's RMS norm: {@code w * x / sqrt(mean(x^2) + eps)}, no mean subtraction, no bias.
     *
     * @param x input [..., d]
     * @param weight scale [d]
     * @param eps epsilon
     * @return normalised input
     */
    public static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        NDArray variance = x.mul(x).mean(new int[] {-1}, true); // not pow(2): see scale(...)
        return x.div(variance.add(eps).sqrt()).mul(weight);
    }

    /**
     * Dropout that is active only in training.
     *
     * @param x input
     * @param rate drop probability
     * @param ctx the forward context
     * @return x, or x with dropout applied
     */
    public static NDArray dropout(NDArray x, float rate, ForwardContext ctx) {
        if (!ctx.training() || rate <= 0f) {
            return x;
        }
        return Dropout.dropout(x, rate, true).singletonOrThrow();
    }
}
