package org.vladapter.peft;

import org.vladapter.backbone.ModelType;
import org.vladapter.tasks.Task;

import com.google.gson.JsonObject;
import org.vladapter.backbone.LayerHooks;

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

    /** @return the method, whose {@link MethodSpec} decides the trainable parameters ({@link TrainableSelector}) */
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
        List<String> known = new java.util.ArrayList<>();
        for (Method m : Method.values()) {
            if (m.spec().configType().equals(type)) {
                return m.spec().fromJson(json);
            }
            if (!known.contains(m.spec().configType())) {
                known.add(m.spec().configType());
            }
        }
        java.util.Collections.sort(known);
        throw new IllegalArgumentException("method configuration: key \"type\" has unknown value \"" + type
                + "\"; known: " + String.join(", ", known));
    }

    /**
     * Whether a task's forward pass touches a parameter, decided from its name: with per-task modules
     * ({@link Sharing#MULTIPLE}) a parameter belongs to another task when one of its dotted name segments is
     * another task's key ({@code adapters.gqa}, {@code lora_As.gqa}, {@code prompts.gqa}); with a single
     * module, or none, every parameter is used (a shared module is named under the first task's key, which is
     * no evidence of ownership). Configurations with shared parts override this (half-shared adapters,
     * Hyperformer's task embeddings).
     *
     * @param taskKey the step's task key
     * @param parameterName a parameter's name
     * @param taskKeys the model's task keys
     * @return whether the parameter receives a gradient for that task
     */
    default boolean usesParameter(String taskKey, String parameterName, List<String> taskKeys) {
        return sharing().orElse(Sharing.SINGLE) != Sharing.MULTIPLE || !ownedByAnotherTask(taskKey, parameterName, taskKeys);
    }

    /**
     * @param taskKey a task key
     * @param parameterName a parameter name
     * @param taskKeys the model's task keys
     * @return whether a segment of the name is another task's key
     */
    static boolean ownedByAnotherTask(String taskKey, String parameterName, List<String> taskKeys) {
        List<String> segments = java.util.Arrays.asList(parameterName.split("\\."));
        for (String k : taskKeys) {
            if (!k.equals(taskKey) && segments.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The peak learning rate of the released scripts for this configuration (docs/behaviour.md#recipe):
     * 1e-3 for images and 3e-4 for video; configurations whose scripts differ override it (multiple and
     * half-shared adapters 3e-4, full fine-tuning 1e-4 / 3e-5).
     *
     * @param modality image or video tasks
     * @return the learning rate
     */
    default double paperLearningRate(Task.Modality modality) {
        return modality == Task.Modality.VIDEO ? 3e-4 : 1e-3;
    }

    /**
     * The base batch size of the released script: image 500 (BART) / 300 (T5); video 50 (BART) / 30 (T5),
     * which the full fine-tuning and adapter scripts set and methods without a video script share;
     * configurations whose script differs override it (single LoRA and single prompt on T5 video: 300).
     *
     * @param backbone the backbone family
     * @param modality image or video tasks
     * @return the base batch size
     */
    default int paperBaseBatchSize(ModelType backbone, Task.Modality modality) {
        boolean bart = backbone == ModelType.BART;
        if (modality == Task.Modality.IMAGE) {
            return bart ? 500 : 300;
        }
        return bart ? 50 : 30;
    }

    /**
     * Whether the released scripts start inputs with the task prompt: every video script does; the image
     * scripts only for the single-module variants (docs/behaviour.md#input-formats).
     *
     * @param modality image or video tasks
     * @return whether task prompts are on
     */
    default boolean paperTaskPrompts(Task.Modality modality) {
        return modality == Task.Modality.VIDEO || sharing().orElse(null) == Sharing.SINGLE;
    }
}
