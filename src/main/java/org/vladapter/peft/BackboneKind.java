package org.vladapter.peft;

import java.util.Collection;

/**
 * Which backbone family a PEFT module is built for. It changes initialisation (BART's global
 * {@code _init_weights} re-initialises every {@code nn.Linear}/{@code nn.Embedding}; T5's does not) and
 * the LayerNorm rule of {@link TrainableSelector} (the VL-T5 LayerNorm quirk, docs/behaviour.md#adapters).
 */
public enum BackboneKind {
    /** VL-BART: post-LN, LayerNorms named {@code *layer_norm*} / {@code layernorm_embedding}. */
    BART,
    /** VL-T5: pre-RMS-norm, blocks named {@code encoder.block.{i}.layer.{k}}. */
    T5;

    /**
     * Guesses the backbone from HF-style parameter names.
     *
     * @param parameterNames the model's parameter names
     * @return {@link #T5} when a name contains {@code .block.} under a stack, otherwise {@link #BART}
     */
    public static BackboneKind detect(Collection<String> parameterNames) {
        for (String name : parameterNames) {
            if (name.startsWith("encoder.block.") || name.startsWith("decoder.block.") || name.contains(".encoder.block.")) {
                return T5;
            }
        }
        return BART;
    }
}
