package org.vladapter.peft;

import org.vladapter.peft.adapter.AdapterMethod;
import org.vladapter.peft.compacter.CompacterMethod;
import org.vladapter.peft.hyperformer.HyperformerMethod;
import org.vladapter.peft.lora.LoraMethod;
import org.vladapter.peft.prompt.PromptMethod;

/**
 * The registry of training methods compared in VL-Adapter (docs/behaviour.md#methods and the ablation rows):
 * one line per method, naming its {@link MethodSpec} (configuration type, flat options, trainable-set rule),
 * which lives next to the method's configuration. Which modules a method adds and which parameters train
 * follow from the spec and the configuration ({@link MethodConfig}); adding a method: docs/extending.md.
 */
public enum Method {
    /** Every parameter trains, including the shared token embedding (docs/behaviour.md#methods). */
    FULL_FINETUNING(BaselineMethod.FULL_FINETUNING),
    /** Bottleneck adapters after attention and FFN sub-layers + LayerNorms (docs/behaviour.md#adapters). */
    ADAPTER(AdapterMethod.ADAPTER),
    /** Adapters whose up-projection is shared by all tasks, down-projection per task (docs/behaviour.md#adapters). */
    HALF_SHARED_ADAPTER(AdapterMethod.HALF_SHARED),
    /** Adapter weights generated from task and layer embeddings by shared hyper-networks (docs/behaviour.md#hyperformer). */
    HYPERFORMER(HyperformerMethod.SPEC),
    /** Adapters made of parameterised hypercomplex multiplication layers (docs/behaviour.md#compacter). */
    COMPACTER(CompacterMethod.SPEC),
    /** Low-rank updates of attention query/value projections; all biases train (docs/behaviour.md#lora). */
    LORA(LoraMethod.SPEC),
    /** Encoder input prompts through an MLP reparameterisation (docs/behaviour.md#prompts). */
    PROMPT(PromptMethod.SPEC),
    /** Ablation: only the visual projection (visual embedding) trains (docs/behaviour.md#parameter-percentages). */
    VISUAL_PROJECTION_ONLY(BaselineMethod.VISUAL_PROJECTION_ONLY),
    /** Ablation: the visual projection and every LayerNorm train (docs/behaviour.md#parameter-percentages). */
    VISUAL_PROJECTION_LAYERNORM(BaselineMethod.VISUAL_PROJECTION_LAYERNORM);

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
