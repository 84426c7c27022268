package org.vladapter.peft.hyperformer;

import ai.djl.ndarray.NDArray;
import org.vladapter.nn.Dense;
import org.vladapter.nn.Module;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.ModuleDict;

/**
 * Generates one linear layer of an adapter from z (the original's {@code AdapterLayersHyperNet}):
 * {@code weight_generator.0} Linear(p → out·in) reshaped to [out, in], {@code bias_generator.0}
 * Linear(p → out). The generated weight is used as {@code F.linear}'s [out, in] weight.
 */
public final class SamplerHyperNet extends Module {

    private final Dense weightGenerator;
    private final Dense biasGenerator;
    private final long out;
    private final long in;

    /**
     * @param projected p
     * @param out the generated layer's output size
     * @param in the generated layer's input size
     * @param kind initialisation style
     */
    public SamplerHyperNet(long projected, long out, long in, ModelType kind) {
        this.out = out;
        this.in = in;
        this.weightGenerator = module("weight_generator", new ModuleDict()).put("0", HyperInit.linear(projected, out * in, kind));
        this.biasGenerator = module("bias_generator", new ModuleDict()).put("0", HyperInit.linear(projected, out, kind));
    }

    /**
     * @param z the layer-conditioned task embedding [p]
     * @return the generated weight [out, in]
     */
    public NDArray weight(NDArray z) {
        return weightGenerator.forward(z).reshape(out, in);
    }

    /**
     * @param z the layer-conditioned task embedding [p]
     * @return the generated bias [out]
     */
    public NDArray bias(NDArray z) {
        return biasGenerator.forward(z).reshape(out);
    }
}
