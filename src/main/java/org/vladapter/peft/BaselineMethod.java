package org.vladapter.peft;

/**
 * The methods that add no module ({@link BaselineConfig}): full fine-tuning (everything trains) and the two
 * ablations, the visual projection alone or with the LayerNorms. No options, no sharing.
 */
public final class BaselineMethod {

    /** Full fine-tuning: every parameter, the shared token embedding included. */
    public static final MethodSpec FULL_FINETUNING = spec().trainsEverything(true).build();

    /** Only the visual projection. */
    public static final MethodSpec VISUAL_PROJECTION_ONLY = spec().build();

    /** The visual projection and every LayerNorm. */
    public static final MethodSpec VISUAL_PROJECTION_LAYERNORM = spec().unfreezesLayerNorms(true).build();

    private BaselineMethod() {}

    private static MethodSpec.Builder spec() {
        return MethodSpec.builder(BaselineConfig.TYPE, BaselineConfig::fromJson).sharing(false)
                .fromOptions((method, sharing, options) -> BaselineConfig.of(method));
    }
}
