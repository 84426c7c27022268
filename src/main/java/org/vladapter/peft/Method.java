package org.vladapter.peft;

import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.compacter.CompacterConfig;
import org.vladapter.peft.hyperformer.HyperformerConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.peft.prompt.PromptConfig;

/**
 * The registry of training methods compared in VL-Adapter (docs/behaviour.md#methods and the ablation rows):
 * one line per method, naming its {@link MethodSpec} (configuration type, flat options, trainable-set rule),
 * which is a constant of the method's configuration class. Which modules a method adds and which parameters train
 * follow from the spec and the configuration ({@link MethodConfig}); adding a method: docs/extending.md.
 */
public enum Method {
    /** Every parameter trains, including the shared token embedding (docs/behaviour.md#methods). */
    FULL_FINETUNING(BaselineConfig.FULL_FINETUNING_SPEC),
    /** Bottleneck adapters after attention and FFN sub-layers + LayerNorms (docs/behaviour.md#adapters). */
    ADAPTER(AdapterConfig.SPEC),
    /** Adapters whose up-projection is shared by all tasks, down-projection per task (docs/behaviour.md#adapters). */
    HALF_SHARED_ADAPTER(AdapterConfig.HALF_SHARED_SPEC),
    /** Adapter weights generated from task and layer embeddings by shared hyper-networks (docs/behaviour.md#hyperformer). */
    HYPERFORMER(HyperformerConfig.SPEC),
    /** Adapters made of parameterised hypercomplex multiplication layers (docs/behaviour.md#compacter). */
    COMPACTER(CompacterConfig.SPEC),
    /** Low-rank updates of attention query/value projections; all biases train (docs/behaviour.md#lora). */
    LORA(LoraConfig.SPEC),
    /** Encoder input prompts through an MLP reparameterisation (docs/behaviour.md#prompts). */
    PROMPT(PromptConfig.SPEC),
    /** Ablation: only the visual projection (visual embedding) trains (docs/behaviour.md#parameter-percentages). */
    VISUAL_PROJECTION_ONLY(BaselineConfig.VISUAL_PROJECTION_ONLY_SPEC),
    /** Ablation: the visual projection and every LayerNorm train (docs/behaviour.md#parameter-percentages). */
    VISUAL_PROJECTION_LAYERNORM(BaselineConfig.VISUAL_PROJECTION_LAYERNORM_SPEC);

    private final MethodSpec spec;

    Method(MethodSpec spec) {
        this.spec = spec;
    }

    /** @return what the library knows about the method */
    public MethodSpec spec() {
        return spec;
    }

    /**
     * @return whether the method unfreezes the backbone's LayerNorms ({@code --unfreeze_layer_norms} in the
     *     original scripts)
     */
    public boolean unfreezesLayerNorms() {
        return spec.unfreezesLayerNorms();
    }
}
