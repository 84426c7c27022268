package org.vladapter.peft;

import ai.djl.ndarray.NDArray;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/**
 * The adapter at one site: routes the batch's task to its adapter and adds the residual,
 * {@code x + f_task(x)} (the original's {@code AdapterController}). Its routed adapters are the child
 * {@value #ADAPTERS}, so parameters read e.g.
 * {@code encoder.layers.0.attn_adapter.adapters.vqa.down_sampler.weight} when the backbone registers this
 * module as {@code attn_adapter}.
 *
 * @param <B> the adapter type
 */
public final class AdapterController<B extends Module & AdapterBranch> extends Module implements SiteAdapter {

    /** The child name of the routed adapters; {@link TrainableSelector} recognises adapter parameters by it. */
    public static final String ADAPTERS = "adapters";

    private final TaskRouted<B> adapters;

    /**
     * @param adapters the per-task (or shared) adapters of this site
     */
    public AdapterController(TaskRouted<B> adapters) {
        this.adapters = module(ADAPTERS, adapters);
    }

    @Override
    public NDArray apply(NDArray x, ForwardContext ctx) {
        return x.add(adapters.route(ctx).branch(x, ctx));
    }

    @Override
    public Module asModule() {
        return this;
    }

    /** @return the routed adapters */
    public TaskRouted<B> adapters() {
        return adapters;
    }

    /**
     * The adapter family's trainable-set rule (adapters, half-shared adapters, Compacter): a name segment
     * {@value #ADAPTERS}, or the Compacter root rule {@code shared_phm_rule}.
     *
     * @param segments a parameter name's dotted segments
     * @return whether the parameter is an adapter-family module's
     */
    public static boolean isAdapterFamily(String[] segments) {
        return MethodSpec.hasSegment(segments, ADAPTERS)
                || MethodSpec.hasSegment(segments, org.vladapter.peft.compacter.SharedPhmRule.ROOT_NAME);
    }
}
