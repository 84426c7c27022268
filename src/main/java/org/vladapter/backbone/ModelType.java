package org.vladapter.backbone;

import java.util.Locale;

/** The backbone families VL-Adapter uses. */
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
}
