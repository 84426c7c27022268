package org.vladapter.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The AdamW of HuggingFace transformers 4.x ({@code transformers.optimization.AdamW}), which VL-Adapter
 * uses; it differs from {@code torch.optim.AdamW} in where weight decay is applied.
 *
 * <p>Per parameter with a gradient {@code g}, at its own step count {@code t} (starting at 1):
 * <pre>
 *   m = b1*m + (1-b1)*g
 *   v = b2*v + (1-b2)*g*g
 *   denom = sqrt(v) + eps
 *   stepSize = lr * sqrt(1-b2^t) / (1-b1^t)     (lr when correctBias is off)
 *   p = p - stepSize * m / denom
 *   p = p - lr*wd*p                              (only when wd &gt; 0; un-corrected lr, after the update)
 * </pre>
 * Defaults: betas 0.9/0.999, eps 1e-6, weight decay 0.01, correct bias on. As in VL-Adapter's
 * {@code create_optimizer_and_scheduler}, weight decay is 0 for parameters whose name contains
 * {@code "bias"} or {@code "LayerNorm.weight"}. The second pattern never matches BART/T5 names
 * ({@code self_attn_layer_norm.weight}, {@code layer_norm.weight}), so LayerNorm weights <em>are</em>
 * decayed; this is faithful to the original and deliberate.
 *
 * <p>Only parameters that require a gradient are optimised; frozen ones get no state. State (two moment
 * arrays and a step count per parameter) is allocated lazily at a parameter's first update, in a
 * long-lived manager owned by this optimizer, so frozen or never-used parameters cost nothing
 * ({@link #stateBytes()}).
 *
 * <p><b>Parameters without a gradient.</b> VL-Adapter sets {@code param.grad = None} after every step,
 * and HF AdamW skips parameters whose grad is {@code None}: a parameter the step's forward pass did not
 * touch (another task's adapter) gets no moment decay, no weight decay and no step increment. DJL cannot
 * tell "not touched" from "zero gradient", so {@link #step(double, Predicate)} takes that knowledge from
 * the caller ({@link TrainableModel#usesParameter}); {@link #step(double)} treats every trainable
 * parameter as touched.
 *
 * <p>Call {@link #step} outside any {@code GradientCollector} (the PyTorch engine's grad mode is then
 * off); the update is applied in place on the parameter arrays and the gradients are zeroed afterwards.
 */
public final class AdamW implements AutoCloseable {

    /** Default name fragments whose parameters get no weight decay. */
    public static final List<String> DEFAULT_NO_DECAY = List.of("bias", "LayerNorm.weight");

    private final Map<String, Parameter> trainable;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean correctBias;
    private final List<String> noDecay;
    private final NDManager stateManager;
    private final boolean ownsManager;
    private final Map<String, State> states = new LinkedHashMap<>();

    private static final class State {
        long step;
        NDArray expAvg;
        NDArray expAvgSq;
    }

    private AdamW(Builder b) {
        this.trainable = Trainables.of(b.parameters);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        this.correctBias = b.correctBias;
        this.noDecay = List.copyOf(b.noDecay);
        if (b.stateManager != null) {
            this.stateManager = b.stateManager;
            this.ownsManager = false;
        } else {
            NDManager base =
                    trainable.isEmpty()
                            ? NDManager.newBaseManager()
                            : trainable.values().iterator().next().getArray().getManager().newSubManager();
            this.stateManager = base;
            this.ownsManager = true;
        }
    }

    /** @return a builder; {@link Builder#parameters} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the optimised (trainable) parameters by name, in model order */
    public Map<String, Parameter> trainableParameters() {
        return Collections.unmodifiableMap(trainable);
    }

    /**
     * @param name a parameter name
     * @return the weight decay applied to it: 0 when its name contains a no-decay fragment
     */
    public double weightDecayOf(String name) {
        for (String fragment : noDecay) {
            if (name.contains(fragment)) {
                return 0.0;
            }
        }
        return weightDecay;
    }

    /**
     * Updates every trainable parameter, treating each as having received a gradient.
     *
     * @param learningRate the (scheduled) learning rate of this step
     */
    public void step(double learningRate) {
        step(learningRate, name -> true);
    }

    /**
     * Updates the trainable parameters that received a gradient this step, then zeroes all gradients.
     *
     * @param learningRate the (scheduled) learning rate of this step
     * @param receivedGradient whether a parameter (by name) took part in this step's forward pass;
     *     parameters for which it is false are left untouched, as HF AdamW skips {@code grad is None}
     */
    public void step(double learningRate, Predicate<String> receivedGradient) {
        try (NDScope scope = new NDScope(); org.vladapter.nn.NoGradient noGradient = org.vladapter.nn.NoGradient.open()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                String name = e.getKey();
                if (!receivedGradient.test(name)) {
                    continue;
                }
                NDArray p = e.getValue().getArray();
                NDArray g = p.getGradient();
                State s = states.computeIfAbsent(name, n -> newState(p));
                s.step++;
                double stepSize = learningRate;
                if (correctBias) {
                    double bc1 = 1.0 - Math.pow(beta1, s.step);
                    double bc2 = 1.0 - Math.pow(beta2, s.step);
                    stepSize = stepSize * Math.sqrt(bc2) / bc1;
                }
                // The moment updates and p -= stepSize * m / (sqrt(v) + eps) in one native call (the engine's
                // fused Adam update, without its own weight decay, gradient rescaling or clipping) instead of
                // about 20 ops each paying the per-op dispatch cost; decoupled weight decay follows below,
                // after the update, as HF AdamW applies it.
                p.getNDArrayInternal().adamUpdate(new NDList(p, g, s.expAvg, s.expAvgSq), new NDList(p),
                        (float) learningRate, (float) stepSize, 0f, 1f, -1f, (float) beta1, (float) beta2, (float) eps,
                        false, true);
                double wd = weightDecayOf(name);
                if (wd > 0.0) {
                    p.addi(p.mul((float) (-learningRate * wd)));
                }
            }
            Gradients.zero(trainable.values());
        }
    }

    /** Zeroes the gradients of all trainable parameters. */
    public void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Gradients.zero(trainable.values());
        }
    }

    /** @return bytes held by optimizer state (moments) now; frozen and never-updated parameters hold none */
    public long stateBytes() {
        long bytes = 0;
        for (State s : states.values()) {
            bytes += s.expAvg.size() * s.expAvg.getDataType().getNumOfBytes();
            bytes += s.expAvgSq.size() * s.expAvgSq.getDataType().getNumOfBytes();
        }
        return bytes;
    }

    /**
     * @param name a parameter name
     * @return how many updates that parameter has received (its bias-correction step), 0 if none
     */
    public long stepOf(String name) {
        State s = states.get(name);
        return s == null ? 0 : s.step;
    }

    /** @return the per-parameter step counts of parameters that have state, by name */
    public Map<String, Long> stepCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        states.forEach((k, v) -> out.put(k, v.step));
        return out;
    }

    /**
     * The first moments by parameter name; the arrays are the live state (do not close or modify).
     *
     * @return the first-moment arrays of parameters that have state
     */
    public Map<String, NDArray> firstMoments() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        states.forEach((k, v) -> out.put(k, v.expAvg));
        return out;
    }

    /**
     * The second moments by parameter name; the arrays are the live state (do not close or modify).
     *
     * @return the second-moment arrays of parameters that have state
     */
    public Map<String, NDArray> secondMoments() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        states.forEach((k, v) -> out.put(k, v.expAvgSq));
        return out;
    }

    /**
     * Replaces the optimizer state with a saved one (values are copied into this optimizer's manager).
     *
     * @param firstMoments first moments by parameter name
     * @param secondMoments second moments by parameter name
     * @param steps per-parameter step counts; names must match the moments
     * @throws IllegalArgumentException naming the parameter when a name is unknown or not trainable, a
     *     moment is missing, or a shape differs from the parameter's
     */
    public void loadState(Map<String, NDArray> firstMoments, Map<String, NDArray> secondMoments, Map<String, Long> steps) {
        if (!firstMoments.keySet().equals(steps.keySet()) || !secondMoments.keySet().equals(steps.keySet())) {
            throw new IllegalArgumentException(
                    "optimizer state is inconsistent: step counts for " + steps.keySet() + ", first moments for "
                            + firstMoments.keySet() + ", second moments for " + secondMoments.keySet());
        }
        for (String name : steps.keySet()) {
            Parameter p = trainable.get(name);
            if (p == null) {
                throw new IllegalArgumentException(
                        "optimizer state for '" + name + "' but the model has no trainable parameter of that name");
            }
            checkShape(name, "exp_avg", p.getArray(), firstMoments.get(name));
            checkShape(name, "exp_avg_sq", p.getArray(), secondMoments.get(name));
        }
        clearState();
        for (Map.Entry<String, Long> e : steps.entrySet()) {
            State s = new State();
            s.step = e.getValue();
            s.expAvg = copyToState(firstMoments.get(e.getKey()));
            s.expAvgSq = copyToState(secondMoments.get(e.getKey()));
            states.put(e.getKey(), s);
        }
    }

    /** Frees the optimizer state (and the state manager when the optimizer created it). */
    @Override
    public void close() {
        clearState();
        if (ownsManager) {
            stateManager.close();
        }
    }

    private void clearState() {
        for (State s : states.values()) {
            s.expAvg.close();
            s.expAvgSq.close();
        }
        states.clear();
    }

    private State newState(NDArray p) {
        State s = new State();
        s.expAvg = stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice());
        s.expAvgSq = stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice());
        // State outlives the step: keep it out of any enclosing NDScope.
        NDScope.unregister(s.expAvg, s.expAvgSq);
        return s;
    }

    private NDArray copyToState(NDArray saved) {
        NDArray a = stateManager.create(saved.toByteBuffer(), saved.getShape(), saved.getDataType());
        NDScope.unregister(a);
        return a;
    }

    private static void checkShape(String name, String what, NDArray param, NDArray saved) {
        if (!param.getShape().equals(saved.getShape())) {
            throw new IllegalArgumentException(
                    what + " for '" + name + "': expected shape " + param.getShape() + ", found " + saved.getShape());
        }
    }

    /** Builds an {@link AdamW}. */
    public static final class Builder {
        private Map<String, Parameter> parameters;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-6;
        private double weightDecay = 0.01;
        private boolean correctBias = true;
        private List<String> noDecay = DEFAULT_NO_DECAY;
        private NDManager stateManager;

        private Builder() {}

        /**
         * @param parameters the model's named parameters ({@code Module.namedParameters()}); only those
         *     requiring a gradient are optimised
         * @return this builder
         */
        public Builder parameters(Map<String, Parameter> parameters) {
            this.parameters = parameters;
            return this;
        }

        /**
         * @param beta1 first-moment decay (default 0.9)
         * @param beta2 second-moment decay (default 0.999)
         * @return this builder
         */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * @param eps added to {@code sqrt(v)} (default 1e-6, as in VL-Adapter)
         * @return this builder
         */
        public Builder epsilon(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * @param weightDecay decoupled weight decay for decayed parameters (default 0.01)
         * @return this builder
         */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * @param correctBias whether to apply Adam's bias correction (default true)
         * @return this builder
         */
        public Builder correctBias(boolean correctBias) {
            this.correctBias = correctBias;
            return this;
        }

        /**
         * @param fragments name fragments exempting a parameter from weight decay (default
         *     {@link #DEFAULT_NO_DECAY})
         * @return this builder
         */
        public Builder noDecay(List<String> fragments) {
            this.noDecay = fragments;
            return this;
        }

        /**
         * @param manager a long-lived manager for the state (default: a sub-manager of the parameters'
         *     manager, closed with the optimizer)
         * @return this builder
         */
        public Builder stateManager(NDManager manager) {
            this.stateManager = manager;
            return this;
        }

        /** @return the optimizer */
        public AdamW build() {
            Objects.requireNonNull(parameters, "AdamW needs parameters(...)");
            if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
                throw new IllegalArgumentException("AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (eps < 0) {
                throw new IllegalArgumentException("AdamW eps must be >= 0, got " + eps);
            }
            return new AdamW(this);
        }
    }
}
