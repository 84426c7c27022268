package org.vladapter.peft.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import org.vladapter.nn.Dense;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Ops;
import org.vladapter.nn.Initializers;
import org.vladapter.peft.ParameterDict;
import org.vladapter.peft.TaskRoutes;
import org.vladapter.peft.Tensors;

/**
 * A projection with LoRA: {@code y = x Wᵀ + b + scaling · dropout(x) Aᵀ Bᵀ}, scaling = alpha / r.
 *
 * <p>Names: the base keeps {@code weight} [out, in] and {@code bias} [out], so pretrained checkpoints load
 * unchanged; the low-rank factors are {@code lora_As.{key}} [r, in] and {@code lora_Bs.{key}} [out, r] as in
 * the original ({@code q_proj.lora_As.vqa}); {@code key} is the task, or the first task for a shared pair
 * ({@link TaskRoutes}).
 *
 * <p>{@link #merge(String)} folds {@code scaling·B·A} of one route into {@code weight}; while merged the
 * forward is the plain projection and accepts only tasks of that route (any task with a shared pair), and
 * only in evaluation. {@link #unmerge()} subtracts it again. Call both outside a gradient collector.
 */
public final class LoraProjection extends Dense {

    private final TaskRoutes routes;
    private final ParameterDict loraAs;
    private final ParameterDict loraBs;
    private final float scaling;
    private final float dropout;
    private String mergedKey;

    /**
     * @param in input size
     * @param out output size
     * @param withBias whether the base has a bias
     * @param weightInit the base weight's initializer
     * @param biasInit the base bias's initializer
     * @param config the LoRA options (rank, alpha, dropout)
     * @param routes the tasks and their sharing
     */
    public LoraProjection(
            long in, long out, boolean withBias, Initializer weightInit, Initializer biasInit, LoraConfig config,
            TaskRoutes routes) {
        super(in, out, withBias, weightInit, biasInit);
        this.routes = routes;
        this.scaling = (float) config.scaling();
        this.dropout = (float) config.dropout();
        this.loraAs = module("lora_As", new ParameterDict());
        this.loraBs = module("lora_Bs", new ParameterDict());
        for (String key : routes.keys()) {
            loraAs.put(key, new Shape(config.rank(), in), Initializers.kaimingUniformSqrt5());
            loraBs.put(key, new Shape(out, config.rank()), Initializers.zeros());
        }
    }

    @Override
    public NDArray forward(NDArray x, ForwardContext ctx) {
        String key = routes.key(ctx);
        if (mergedKey != null) {
            if (ctx != null && ctx.training()) {
                throw new IllegalStateException("LoRA weights are merged into the base weight; unmerge() before training");
            }
            if (!mergedKey.equals(key)) {
                throw new IllegalStateException("LoRA weights are merged for '" + mergedKey + "', but the batch is task '"
                        + ctx.task() + "'; unmerge() first");
            }
            return super.forward(x);
        }
        NDArray base = super.forward(x);
        NDArray dropped = Ops.dropout(x, dropout, ctx == null ? ForwardContext.EVAL : ctx);
        NDArray low = Linear.linear(dropped, a(key).getArray(), null).singletonOrThrow();
        NDArray update = Linear.linear(low, b(key).getArray(), null).singletonOrThrow();
        return base.add(Ops.scale(update, scaling));
    }

    /**
     * Evaluation forward without a task: works for a shared pair, fails for per-task pairs.
     *
     * @param x input [..., in]
     * @return the output
     */
    @Override
    public NDArray forward(NDArray x) {
        return forward(x, ForwardContext.EVAL);
    }

    /**
     * Folds the shared pair into the base weight.
     *
     * @throws IllegalStateException when already merged or when pairs are per task
     */
    public void merge() {
        if (routes.keys().size() != 1) {
            throw new IllegalStateException("per-task LoRA pairs " + routes.keys() + ": merge(task) needs the task");
        }
        merge(routes.tasks().get(0));
    }

    /**
     * Folds the given task's {@code scaling·B·A} into the base weight.
     *
     * @param task a task key
     * @throws IllegalStateException when already merged
     */
    public void merge(String task) {
        String key = routes.key(task);
        if (mergedKey != null) {
            throw new IllegalStateException("LoRA weights are already merged for '" + mergedKey + "'");
        }
        applyDelta(key, 1f);
        mergedKey = key;
    }

    /** Subtracts the merged update again; does nothing when not merged. */
    public void unmerge() {
        if (mergedKey == null) {
            return;
        }
        applyDelta(mergedKey, -1f);
        mergedKey = null;
    }

    private void applyDelta(String key, float sign) {
        try (org.vladapter.nn.NoGradient noGradient = org.vladapter.nn.NoGradient.open()) {
            NDArray w = weight().getArray();
            try (NDManager tmp = NDManager.newBaseManager(w.getDevice())) {
                NDArray delta = Tensors.lift(tmp, b(key).getArray()).matMul(a(key).getArray()).mul(scaling * sign);
                w.addi(delta);
            }
        }
    }

    /** @return whether an update is folded into the base weight */
    public boolean isMerged() {
        return mergedKey != null;
    }

    /**
     * @param key a route key
     * @return A [r, in]
     */
    public Parameter a(String key) {
        return loraAs.get(key);
    }

    /**
     * @param key a route key
     * @return B [out, r]
     */
    public Parameter b(String key) {
        return loraBs.get(key);
    }

    /** @return the routing */
    public TaskRoutes routes() {
        return routes;
    }

    /** @return alpha / r */
    public float scaling() {
        return scaling;
    }
}
