package org.vladapter.peft;

/**
 * The training methods compared in VL-Adapter (docs/behaviour.md#methods and the ablation rows of section 6.5). The
 * method decides which modules are added to the backbone and which parameters train
 * ({@link TrainableSelector}); {@link Sharing} and the method's config add the details.
 */
public enum Method {
    /** Every parameter trains, including the shared token embedding (docs/behaviour.md#methods). */
    FULL_FINETUNING,
    /** Bottleneck adapters after attention and FFN sub-layers + LayerNorms (docs/behaviour.md#adapters). */
    ADAPTER,
    /** Adapters whose up-projection is shared by all tasks, down-projection per task (docs/behaviour.md#adapters). */
    HALF_SHARED_ADAPTER,
    /** Adapter weights generated from task and layer embeddings by shared hyper-networks (docs/behaviour.md#hyperformer). */
    HYPERFORMER,
    /** Adapters made of parameterised hypercomplex multiplication layers (docs/behaviour.md#compacter). */
    COMPACTER,
    /** Low-rank updates of attention query/value projections; all biases train (docs/behaviour.md#lora). */
    LORA,
    /** Encoder input prompts through an MLP reparameterisation (docs/behaviour.md#prompts). */
    PROMPT,
    /** Ablation: only the visual projection (visual embedding) trains (docs/behaviour.md#parameter-percentages). */
    VISUAL_PROJECTION_ONLY,
    /** Ablation: the visual projection and every LayerNorm train (docs/behaviour.md#parameter-percentages). */
    VISUAL_PROJECTION_LAYERNORM;

    /**
     * @return whether the method unfreezes the backbone's LayerNorms ({@code --unfreeze_layer_norms} in the
     *     original scripts)
     */
    public boolean unfreezesLayerNorms() {
        return switch (this) {
            case ADAPTER, HALF_SHARED_ADAPTER, HYPERFORMER, COMPACTER, VISUAL_PROJECTION_LAYERNORM -> true;
            default -> false;
        };
    }
}
