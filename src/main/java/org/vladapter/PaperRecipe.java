package org.vladapter;

import org.vladapter.backbone.ModelType;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Task;

import java.util.List;

/**
 * The released scripts' hyper-parameters (docs/behaviour.md#recipe-3.2): epochs, base batch size and learning rate per
 * method, backbone and modality. Per-task batch sizes follow from the base batch size
 * ({@link org.vladapter.tasks.MultitaskLoader#paperBatchSizes}).
 */
public final class PaperRecipe {

    private PaperRecipe() {}

    /**
     * @param tasks the tasks
     * @return whether all tasks are video tasks
     */
    public static boolean isVideo(List<Task> tasks) {
        return tasks.stream().allMatch(t -> t.modality() == Task.Modality.VIDEO);
    }

    /**
     * @param tasks the tasks
     * @return 20 for image tasks, 7 for video tasks
     */
    public static int epochs(List<Task> tasks) {
        return isVideo(tasks) ? 7 : 20;
    }

    /**
     * @param type the backbone family
     * @param tasks the tasks
     * @return base batch size: image 500 (BART) / 300 (T5); video 50 / 30
     */
    public static int baseBatchSize(ModelType type, List<Task> tasks) {
        boolean bart = type == ModelType.BART;
        return isVideo(tasks) ? (bart ? 50 : 30) : (bart ? 500 : 300);
    }

    /**
     * @param preset the method row
     * @param tasks the tasks
     * @return the learning rate of the released script (half-shared adapters have no script: 3e-4, as
     *     multiple adapters)
     */
    public static double learningRate(MethodPreset preset, List<Task> tasks) {
        Method m = preset.method();
        if (isVideo(tasks)) {
            return m == Method.FULL_FINETUNING ? 3e-5 : 3e-4;
        }
        switch (preset) {
            case FULL_FINETUNING:
                return 1e-4;
            case MULTIPLE_ADAPTERS:
            case HALF_SHARED_ADAPTERS:
                return 3e-4;
            default:
                return 1e-3;
        }
    }
}
