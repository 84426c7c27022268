package org.vladapter.peft;

import com.google.gson.JsonObject;

import java.util.Map;
import java.util.Optional;

/**
 * The methods that add no module ({@link BaselineConfig}): full fine-tuning (everything trains) and the two
 * ablations, the visual projection alone or with the LayerNorms.
 */
public final class BaselineMethod implements MethodSpec {

    /** Full fine-tuning: every parameter, the shared token embedding included. */
    public static final BaselineMethod FULL_FINETUNING = new BaselineMethod(true, false);

    /** Only the visual projection. */
    public static final BaselineMethod VISUAL_PROJECTION_ONLY = new BaselineMethod(false, false);

    /** The visual projection and every LayerNorm. */
    public static final BaselineMethod VISUAL_PROJECTION_LAYERNORM = new BaselineMethod(false, true);

    private final boolean everything;
    private final boolean layerNorms;

    private BaselineMethod(boolean everything, boolean layerNorms) {
        this.everything = everything;
        this.layerNorms = layerNorms;
    }

    @Override
    public String configType() {
        return BaselineConfig.TYPE;
    }

    @Override
    public MethodConfig fromJson(JsonObject json) {
        return BaselineConfig.fromJson(json);
    }

    @Override
    public Map<String, Class<? extends Number>> options() {
        return Map.of();
    }

    @Override
    public boolean hasSharing() {
        return false;
    }

    @Override
    public MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options) {
        return BaselineConfig.of(method);
    }

    @Override
    public boolean trainsEverything() {
        return everything;
    }

    @Override
    public boolean unfreezesLayerNorms() {
        return layerNorms;
    }

    @Override
    public Optional<String> trainable(String name, String[] segments) {
        return Optional.empty();
    }
}
