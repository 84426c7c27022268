package org.vladapter.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;

/**
 * The normalisation inside the visual embedding: BART's {@code nn.LayerNorm} (weight and bias, eps 1e-5)
 * or T5's RMS norm {@code T5LayerNorm} (weight only, eps 1e-6). Both start at weight 1, bias 0.
 */
public final class VisualNorm extends Module {

    /** Which normalisation. */
    public enum Kind {
        /** {@code nn.LayerNorm(d)}: mean/variance normalisation with weight and bias, eps 1e-5. */
        LAYER_NORM(1e-5f),
        /** {@code T5LayerNorm(d, eps=1e-6)}: RMS normalisation with a weight only. */
        T5_RMS_NORM(1e-6f);

        private final float eps;

        Kind(float eps) {
            this.eps = eps;
        }

        /** @return the epsilon the original uses */
        public float eps() {
            return eps;
        }
    }

    private final Kind kind;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param kind layer norm or RMS norm
     * @param dim the normalised (last) dimension
     */
    public VisualNorm(Kind kind, long dim) {
        this.kind = kind;
        this.weight = param("weight", new Shape(dim), Initializer.ONES);
        this.bias = kind == Kind.LAYER_NORM ? param("bias", new Shape(dim), Initializer.ZEROS) : null;
    }

    /**
     * @param x input [..., dim]
     * @return the normalised input
     */
    public NDArray forward(NDArray x) {
        if (kind == Kind.LAYER_NORM) {
            return Ops.layerNorm(x, weight.getArray(), bias.getArray(), kind.eps());
        }
        return Ops.rmsNorm(x, weight.getArray(), kind.eps());
    }

    /** @return layer norm or RMS norm */
    public Kind kind() {
        return kind;
    }
}
