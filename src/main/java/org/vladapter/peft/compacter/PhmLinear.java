package org.vladapter.peft.compacter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.vladapter.nn.Module;
import org.vladapter.nn.Initializers;
import org.vladapter.peft.Tensors;

/**
 * A parameterised hypercomplex multiplication layer: {@code H = Σ_{i<n} kron(phm_rule[i], W[i])} of shape
 * [in, out], {@code y = x·H + b} (note {@code x·H}, not {@code x·Hᵀ}), with
 * {@code kron(A, B)[a·K + k, c·P + p] = A[a, c]·B[k, p]}.
 *
 * <p>Parameters (original names): {@code phm_rule} [n, n, n] (absent when the rule is shared),
 * {@code W} [n, in/n, out/n] — or {@code W_left} [n, in/n, rank] and {@code W_right} [n, rank, out/n]
 * when factorised, {@code W[i] = W_left[i]·W_right[i]} — and {@code b} [out].
 */
public final class PhmLinear extends Module {

    private final long inFeatures;
    private final long outFeatures;
    private final int n;
    private final Parameter rule;
    private final Parameter w;
    private final Parameter wLeft;
    private final Parameter wRight;
    private final Parameter bias;

    /**
     * @param inFeatures input size, divisible by n
     * @param outFeatures output size, divisible by n
     * @param n the number of Kronecker terms
     * @param sharedRule a rule owned elsewhere ({@link SharedPhmRule}), or {@code null} for an own rule
     * @param factorized whether W is a low-rank product
     * @param rank rank of the product (used when factorised)
     * @param ruleInitRange std of the own rule's normal init
     */
    public PhmLinear(
            long inFeatures, long outFeatures, int n, Parameter sharedRule, boolean factorized, int rank,
            double ruleInitRange) {
        if (n <= 0 || inFeatures % n != 0 || outFeatures % n != 0) {
            throw new IllegalArgumentException(
                    "PHM layer " + inFeatures + "→" + outFeatures + ": phmDim " + n
                            + " must divide both the input and the output size");
        }
        if (sharedRule != null && !new Shape(n, n, n).equals(sharedRule.getShape())) {
            throw new IllegalArgumentException(
                    "shared phm_rule has shape " + sharedRule.getShape() + ", expected " + new Shape(n, n, n));
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.n = n;
        long k = inFeatures / n;
        long p = outFeatures / n;
        this.rule = sharedRule != null
                ? sharedRule
                : param("phm_rule", new Shape(n, n, n), Initializers.normal(ruleInitRange));
        if (factorized) {
            this.w = null;
            this.wLeft = param("W_left", new Shape(n, k, rank), Initializers.xavierUniformPerSlice(Math.sqrt(2)));
            this.wRight = param("W_right", new Shape(n, rank, p), Initializers.xavierUniformPerSlice(Math.sqrt(2)));
        } else {
            this.w = param("W", new Shape(n, k, p), Initializers.xavierUniformPerSlice(Math.sqrt(2)));
            this.wLeft = null;
            this.wRight = null;
        }
        this.bias = param("b", new Shape(outFeatures), Initializers.zeros());
    }

    /**
     * Builds {@code H}. The result and its intermediates belong to {@code manager}.
     *
     * @param manager the manager of the result (the batch's)
     * @return H [in, out]
     */
    public NDArray kroneckerSum(NDManager manager) {
        if (!rule.isInitialized()) {
            throw new IllegalStateException(
                    "phm_rule of a PHM layer is not initialised; with a shared rule, register the hooks' rootModules()"
                            + " at the model root and initialise the model");
        }
        NDArray a = Tensors.lift(manager, rule.getArray());
        NDArray b = w != null
                ? Tensors.lift(manager, w.getArray())
                : Tensors.lift(manager, wLeft.getArray()).matMul(wRight.getArray());
        long k = inFeatures / n;
        long p = outFeatures / n;
        // [n, a, 1, c, 1] * [n, 1, k, 1, p] -> [n, a, k, c, p] -> [n, a*k, c*p] -> sum over i
        NDArray products = a.reshape(n, n, 1, n, 1).mul(b.reshape(n, 1, k, 1, p));
        return products.reshape(n, n * k, n * p).sum(new int[] {0});
    }

    /**
     * @param x input [..., in]
     * @return {@code x·H + b} [..., out]
     */
    public NDArray forward(NDArray x) {
        NDArray h = kroneckerSum(x.getManager());
        return x.matMul(h).add(bias.getArray());
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
