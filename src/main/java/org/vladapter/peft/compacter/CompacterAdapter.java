package org.vladapter.peft.compacter;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;
import org.vladapter.peft.AdapterBranch;

/**
 * The Compacter branch (the original's {@code HyperComplexAdapter}):
 * {@code f(x) = up_sampler(gelu_new(down_sampler(x)))} with two {@link PhmLinear}s, d → m → d.
 */
public final class CompacterAdapter extends Module implements AdapterBranch {

    private final PhmLinear downSampler;
    private final PhmLinear upSampler;

    /**
     * @param dModel d
     * @param bottleneck m
     * @param config the options (n, factorisation, init range)
     * @param sharedRule the model's shared rule, or {@code null} for own rules
     */
    public CompacterAdapter(long dModel, long bottleneck, CompacterConfig config, Parameter sharedRule) {
        this.downSampler = module("down_sampler", new PhmLinear(dModel, bottleneck, config.phmDim(), sharedRule,
                config.factorizedPhm(), config.phmRank(), config.phmInitRange()));
        this.upSampler = module("up_sampler", new PhmLinear(bottleneck, dModel, config.phmDim(), sharedRule,
                config.factorizedPhm(), config.phmRank(), config.phmInitRange()));
    }

    @Override
    public NDArray branch(NDArray x, ForwardContext ctx) {
        return upSampler.forward(Ops.geluNew(downSampler.forward(x)));
    }

    /** @return the down-projection */
    public PhmLinear downSampler() {
        return downSampler;
    }

    /** @return the up-projection */
    public PhmLinear upSampler() {
        return upSampler;
    }
}
