package org.vladapter.vision;

import ai.djl.ndarray.NDArray;
import org.vladapter.nn.Dense;
import org.vladapter.nn.Norm;
import org.vladapter.nn.Module;

/**
 * {@code nn.Sequential(nn.Linear, norm)} with the child names {@code 0} and {@code 1}, so parameters are
 * named {@code 0.weight}, {@code 0.bias}, {@code 1.weight} (, {@code 1.bias}) as in the original.
 */
public final class LinearNorm extends Module {

    private final Dense linear;
    private final Norm norm;

    /**
     * @param linear the projection, registered as child {@code 0}
     * @param norm the normalisation, registered as child {@code 1}
     */
    public LinearNorm(Dense linear, Norm norm) {
        this.linear = module("0", linear);
        this.norm = norm;
        module("1", norm.asModule());
    }

    /**
     * @param x input [..., in]
     * @return {@code norm(linear(x))} [..., out]
     */
    public NDArray forward(NDArray x) {
        return norm.forward(linear.forward(x));
    }

    /** @return the projection (child {@code 0}) */
    public Dense linear() {
        return linear;
    }

    /** @return the normalisation (child {@code 1}) */
    public Norm norm() {
        return norm;
    }
}
