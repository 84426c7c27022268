package org.vladapter.peft;

import com.google.gson.JsonObject;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.compacter.CompacterConfig;
import org.vladapter.peft.hyperformer.HyperformerConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.peft.prompt.PromptConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one PEFT method, validated at build time, and the factory of the hooks that put the
 * method into a backbone. Implementations: {@link org.vladapter.peft.adapter.AdapterConfig},
 * {@link org.vladapter.peft.compacter.CompacterConfig}, {@link org.vladapter.peft.hyperformer.HyperformerConfig},
 * {@link org.vladapter.peft.lora.LoraConfig}, {@link org.vladapter.peft.prompt.PromptConfig} and
 * {@link BaselineConfig} (full fine-tuning and the visual-projection ablations, which add no module).
 */
public interface MethodConfig {

    /** @return the method, which decides the trainable parameters ({@link TrainableSelector}) */
    Method method();

    /** @return single or multiple, for methods with per-task modules; empty otherwise */
    Optional<Sharing> sharing();

    /**
     * Creates the hooks a backbone asks while it is built. Call once per model: the hooks create new
     * modules for every site they are asked about.
     *
     * @param tasks the task keys the model serves, in order ({@code Task::key})
     * @param backbone the backbone's kind and sizes
     * @return the hooks
     */
    LayerHooks createHooks(List<String> tasks, BackboneShape backbone);

    /** @return every option by its name, for run records (provenance) */
    Map<String, Object> asMap();

    /**
     * The configuration as JSON that {@link #fromJson} reads back to an equal configuration (every option,
     * snake_case keys, a {@code "type"} and a {@code "version"}; see {@link ConfigJson}).
     *
     * @return a new JSON object
     */
    JsonObject toJson();

    /**
     * Reads any method configuration's JSON, dispatching on its {@code "type"}.
     *
     * @param json what {@link #toJson()} wrote
     * @return the configuration
     * @throws IllegalArgumentException naming the configuration and key for an unknown type, a missing key,
     *     a wrong type, an unknown key or another version
     */
    static MethodConfig fromJson(JsonObject json) {
        String type = ConfigJson.typeOf(json);
        return switch (type) {
            case AdapterConfig.TYPE -> AdapterConfig.fromJson(json);
            case CompacterConfig.TYPE -> CompacterConfig.fromJson(json);
            case HyperformerConfig.TYPE -> HyperformerConfig.fromJson(json);
            case LoraConfig.TYPE -> LoraConfig.fromJson(json);
            case PromptConfig.TYPE -> PromptConfig.fromJson(json);
            case BaselineConfig.TYPE -> BaselineConfig.fromJson(json);
            default -> throw new IllegalArgumentException("method configuration: key \"type\" has unknown value \"" + type
                    + "\"; known: adapter, baseline, compacter, hyperformer, lora, prompt");
        };
    }
}
