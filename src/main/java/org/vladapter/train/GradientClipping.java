package org.vladapter.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;

import java.util.Collection;

/**
 * Global L2 gradient-norm clipping as {@code torch.nn.utils.clip_grad_norm_}: the norm is taken over all
 * gradients together, and when {@code maxNorm / (norm + 1e-6) < 1} every gradient is scaled by that
 * coefficient. VL-Adapter clips at 5.0 every step.
 */
public final class GradientClipping {

    /** VL-Adapter's {@code --clip_grad_norm}. */
    public static final double VL_ADAPTER_MAX_NORM = 5.0;

    private GradientClipping() {}

    /**
     * Clips the gradients of trainable parameters in place.
     *
     * @param parameters parameters whose gradients are clipped (frozen ones are ignored)
     * @param maxNorm the largest allowed global L2 norm
     * @return the global L2 norm before clipping (may be NaN or infinite)
     */
    public static double clipGlobalNorm(Collection<Parameter> parameters, double maxNorm) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList squares = new NDList();
            NDList grads = new NDList();
            for (Parameter p : parameters) {
                if (!p.requiresGradient() || !p.isInitialized() || !p.getArray().hasGradient()) {
                    continue;
                }
                NDArray g = p.getArray().getGradient();
                grads.add(g);
                squares.add(g.norm()); // one op per parameter; the global norm is the norm of the norms, as torch computes it
            }
            if (grads.isEmpty()) {
                return 0.0;
            }
            double totalNorm = NDArrays.stack(squares).norm().getFloat();
            float coefficient = (float) (maxNorm / (totalNorm + 1e-6));
            if (coefficient < 1f) {
                for (NDArray g : grads) {
                    g.muli(coefficient);
                }
            }
            return totalNorm;
        }
    }
}
