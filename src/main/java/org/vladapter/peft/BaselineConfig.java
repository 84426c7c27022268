package org.vladapter.peft;

import org.vladapter.tasks.Task;
import com.google.gson.JsonObject;
import org.vladapter.backbone.LayerHooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Methods that add no module to the backbone: full fine-tuning and the two visual-projection ablation
 * rows. Only the trainable set differs ({@link TrainableSelector}).
 */
public final class BaselineConfig implements MethodConfig {

    /** Full fine-tuning: every parameter, the shared token embedding included. */
    public static final MethodSpec FULL_FINETUNING_SPEC = methodSpec().trainsEverything(true).build();

    /** Only the visual projection. */
    public static final MethodSpec VISUAL_PROJECTION_ONLY_SPEC = methodSpec().build();

    /** The visual projection and every LayerNorm. */
    public static final MethodSpec VISUAL_PROJECTION_LAYERNORM_SPEC = methodSpec().unfreezesLayerNorms(true).build();

    private static MethodSpec.Builder methodSpec() {
        return MethodSpec.builder(BaselineConfig.TYPE, BaselineConfig::fromJson).sharing(false)
                .fromOptions((method, sharing, options) -> BaselineConfig.of(method));
    }

    private static final String NAME = "BaselineConfig";

    /** The {@code "type"} value of this configuration's JSON. */
    public static final String TYPE = "baseline";

    private final Method method;

    private BaselineConfig(Method method) {
        this.method = method;
    }

    /**
     * @param method {@link Method#FULL_FINETUNING}, {@link Method#VISUAL_PROJECTION_ONLY} or
     *     {@link Method#VISUAL_PROJECTION_LAYERNORM}
     * @return the config
     * @throws IllegalArgumentException for a method that adds modules
     */
    public static BaselineConfig of(Method method) {
        if (!method.spec().configType().equals(TYPE)) {
            throw new IllegalArgumentException(
                    method + " adds modules; use its own config class (AdapterConfig, LoraConfig, ...)");
        }
        return new BaselineConfig(method);
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public Optional<Sharing> sharing() {
        return Optional.empty();
    }

    @Override
    public LayerHooks createHooks(List<String> tasks, BackboneShape backbone) {
        return LayerHooks.NONE;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.name());
        return m;
    }

    /**
     * @return this configuration as JSON ({@link ConfigJson}): type {@code baseline}, version, the method
     */
    @Override
    public JsonObject toJson() {
        JsonObject o = ConfigJson.start(TYPE);
        o.addProperty("method", ConfigJson.name(method));
        return o;
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the configuration
     * @throws IllegalArgumentException naming the key for a missing key, a wrong type, an unknown key or a method
     *     that adds modules
     */
    public static BaselineConfig fromJson(JsonObject json) {
        ConfigJson r = ConfigJson.read(json, NAME, TYPE);
        Method m = r.enumValue("method", Method.class);
        r.finish();
        try {
            return of(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": key \"method\": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "BaselineConfig" + asMap();
    }

    /** Full fine-tuning: 1e-4 on images, 3e-5 on video, as its scripts; the ablations as every method. */
    @Override
    public double paperLearningRate(Task.Modality modality) {
        if (method == Method.FULL_FINETUNING) {
            return modality == Task.Modality.VIDEO ? 3e-5 : 1e-4;
        }
        return MethodConfig.super.paperLearningRate(modality);
    }
}
