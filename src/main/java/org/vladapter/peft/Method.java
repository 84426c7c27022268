package org.vladapter.peft;

/**
 * The training methods compared in VL-Adapter (spec section 2 and the ablation rows of section 6.5). The
 * method decides which modules are added to the backbone and which parameters train
 * ({@link TrainableSelector}); {@link Sharing} and the method's config add the details.
 */
public enum Method {
    /** Every parameter trains, including the shared token embedding (spec 2.6). */
    FULL_FINETUNING,
    /** Bottleneck adapters after attention and FFN sub-layers + LayerNorms (spec 2.1). */
    ADAPTER,
    /** Adapters whose up-projection is shared by all tasks, down-projection per task (spec 2.1). */
    HALF_SHARED_ADAPTER,
    /** Adapter weights generated from task and layer embeddings by shared hyper-networks (spec 2.2). */
    HYPERFORMER,
    /** Adapters made of parameterised hypercomplex multiplication layers (spec 2.3). */
    COMPACTER,
    /** Low-rank updates of attention query/value projections; all biases train (spec 2.4). */
    LORA,
    /** Encoder input prompts through an MLP reparameterisation (spec 2.5). */
    PROMPT,
    /** Ablation: only the visual projection (visual embedding) trains (spec 6.5). */
    VISUAL_PROJECTION_ONLY,
    /** Ablation: the visual projection and every LayerNorm train (spec 6.5). */
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
