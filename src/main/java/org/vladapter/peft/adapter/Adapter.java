package org.vladapter.peft.adapter;

import ai.djl.ndarray.NDArray;
import org.vladapter.nn.Dense;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;
import org.vladapter.peft.AdapterBranch;
import org.vladapter.backbone.ModelType;
import org.vladapter.nn.Initializers;

/**
 * The bottleneck branch {@code f(x) = up_sampler(gelu_new(down_sampler(x)))}; the site's
 * {@link org.vladapter.peft.AdapterController} adds {@code x}. Parameters: {@code down_sampler.{weight,bias}}
 * [m, d], [m] and {@code up_sampler.{weight,bias}} [d, m], [d]. A half-shared adapter references a
 * projection owned (registered) by another task's adapter and does not register it again.
 */
public final class Adapter extends Module implements AdapterBranch {

    private final Dense downSampler;
    private final Dense upSampler;

    private Adapter(Dense downSampler, Dense upSampler, boolean ownsDown, boolean ownsUp) {
        this.downSampler = ownsDown ? module("down_sampler", downSampler) : downSampler;
        this.upSampler = ownsUp ? module("up_sampler", upSampler) : upSampler;
    }

    /**
     * @param dModel hidden size d
     * @param bottleneck bottleneck size m
     * @param kind initialisation style
     * @return an adapter owning both projections
     */
    public static Adapter create(long dModel, long bottleneck, ModelType kind) {
        return new Adapter(downSampler(dModel, bottleneck, kind), upSampler(dModel, bottleneck, kind), true, true);
    }

    /**
     * @param downSampler a new down-projection, owned by this adapter
     * @param sharedUpSampler an up-projection owned by another adapter
     * @return a half-shared adapter
     */
    public static Adapter withSharedUpSampler(Dense downSampler, Dense sharedUpSampler) {
        return new Adapter(downSampler, sharedUpSampler, true, false);
    }

    /**
     * @param sharedDownSampler a down-projection owned by another adapter
     * @param upSampler a new up-projection, owned by this adapter
     * @return a half-shared adapter
     */
    public static Adapter withSharedDownSampler(Dense sharedDownSampler, Dense upSampler) {
        return new Adapter(sharedDownSampler, upSampler, false, true);
    }

    /**
     * @param downSampler the down-projection
     * @param upSampler the up-projection
     * @return an adapter owning both
     */
    public static Adapter of(Dense downSampler, Dense upSampler) {
        return new Adapter(downSampler, upSampler, true, true);
    }

    /**
     * @param dModel d
     * @param bottleneck m
     * @param kind initialisation style
     * @return a new down-projection d → m
     */
    public static Dense downSampler(long dModel, long bottleneck, ModelType kind) {
        return linear(dModel, bottleneck, kind);
    }

    /**
     * @param dModel d
     * @param bottleneck m
     * @param kind initialisation style
     * @return a new up-projection m → d
     */
    public static Dense upSampler(long dModel, long bottleneck, ModelType kind) {
        return linear(bottleneck, dModel, kind);
    }

    private static Dense linear(long in, long out, ModelType kind) {
        if (kind == ModelType.BART) {
            return new Dense(in, out, true, Initializers.normal(0.02), Initializers.zeros());
        }
        return new Dense(in, out, true, Initializers.kaimingUniformSqrt5(), Initializers.linearBias(in));
    }

    @Override
    public NDArray branch(NDArray x, ForwardContext ctx) {
        return upSampler.forward(Ops.geluNew(downSampler.forward(x)));
    }

    /** @return the down-projection */
    public Dense downSampler() {
        return downSampler;
    }

    /** @return the up-projection */
    public Dense upSampler() {
        return upSampler;
    }
}
