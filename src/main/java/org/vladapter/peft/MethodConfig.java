package org.vladapter.peft;

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
}
