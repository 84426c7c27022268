package org.vladapter.recipe;

import org.vladapter.backbone.ModelType;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Task;

import java.util.List;

/**
 * The released scripts' hyper-parameters (docs/behaviour.md#recipe): epochs per modality; base batch size and
 * learning rate per method, backbone and modality, which each method's configuration owns
 * ({@link org.vladapter.peft.MethodConfig}). Per-task batch sizes follow from the base batch size
 * ({@link org.vladapter.tasks.MultitaskLoader#paperBatchSizes}).
 */
public final class PaperRecipe {

    private PaperRecipe() {}

    /**
     * @param tasks the tasks
     * @return whether all tasks are video tasks
     */
    public static boolean isVideo(List<Task> tasks) {
        return Task.Modality.of(tasks) == Task.Modality.VIDEO;
    }

    /**
     * @param tasks the tasks
     * @return 20 for image tasks, 7 for video tasks
     */
    public static int epochs(List<Task> tasks) {
        return isVideo(tasks) ? 7 : 20;
    }

    /**
     * The base batch size of the released script for a method, backbone and modality, as the method's
     * configuration gives it ({@link org.vladapter.peft.MethodConfig#paperBaseBatchSize}).
     *
     * <p>Image tasks: 500 (BART) / 300 (T5) for every method. Video tasks: 50 for BART; for T5 the scripts
     * differ by method: {@code scripts/video/full_finetuning.sh} and {@code single_adapter.sh} set 30, while
     * {@code single_lora.sh} and {@code single_prompt.sh} set 300. The 300 looks like a typo in those two
     * scripts (ten times the other T5 video runs, six times BART's), but it is what they ran, so it is what
     * this recipe returns. Methods without a video script (multiple adapters or prompts, half-shared adapters,
     * Hyperformer, Compacter, multiple LoRA, visual projection only) use 30, the full fine-tuning and adapter
     * scripts' value.
     *
     * @param type the backbone family
     * @param preset the method row
     * @param tasks the tasks
     * @return base batch size: image 500 (BART) / 300 (T5); video 50 (BART) / 30 (T5), 300 for T5 single
     *     LoRA and single prompt
     */
    public static int baseBatchSize(ModelType type, MethodPreset preset, List<Task> tasks) {
        return preset.defaultConfig().paperBaseBatchSize(type, Task.Modality.of(tasks));
    }

    /**
     * @param preset the method row
     * @param tasks the tasks
     * @return the learning rate of the released script, as the method's configuration gives it
     *     ({@link org.vladapter.peft.MethodConfig#paperLearningRate}; half-shared adapters have no script:
     *     3e-4, as multiple adapters)
     */
    public static double learningRate(MethodPreset preset, List<Task> tasks) {
        return preset.defaultConfig().paperLearningRate(Task.Modality.of(tasks));
    }
}
