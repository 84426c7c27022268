package org.vladapter.backbone;

import java.util.Collection;
import java.util.Locale;

/**
 * The backbone families VL-Adapter uses: the one BART/T5 type of the library. Besides the architecture it
 * decides how the visual embedding and the PEFT modules are normalised and initialised (BART's global
 * {@code _init_weights} re-initialises every {@code nn.Linear}/{@code nn.Embedding}; T5's does not) and the
 * LayerNorm rule of the trainable set (the VL-T5 LayerNorm quirk, docs/behaviour.md#adapters).
 */
public enum ModelType {
    /** BART: post-LN, learned positions, GELU, tied head with {@code final_logits_bias}. */
    BART,
    /** T5 (v1.0 ReLU, v1.1 gated-GELU): pre-RMS-norm, relative position bias, tied head scaled by d^-0.5. */
    T5;

    /**
     * @param modelType the {@code model_type} of an HF {@code config.json}
     * @param source where the value came from, for the error message
     * @return the model type
     */
    public static ModelType of(String modelType, String source) {
        String t = modelType == null ? "" : modelType.toLowerCase(Locale.ROOT);
        switch (t) {
            case "bart":
                return BART;
            case "t5":
                return T5;
            default:
                throw new IllegalArgumentException(
                        "unknown model_type '" + modelType + "' in " + source + "; supported: bart, t5");
        }
    }

    /**
     * Guesses the family from HF-style parameter names.
     *
     * @param parameterNames the model's parameter names
     * @return {@link #T5} when a name contains {@code .block.} under a stack, otherwise {@link #BART}
     */
    public static ModelType detect(Collection<String> parameterNames) {
        for (String name : parameterNames) {
            if (name.startsWith("encoder.block.") || name.startsWith("decoder.block.") || name.contains(".encoder.block.")) {
                return T5;
            }
        }
        return BART;
    }
}
