package org.vladapter.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import org.vladapter.nn.ForwardContext;

import java.util.Map;

/**
 * What the {@link Trainer} needs from a model: its named parameters and a scalar training loss.
 *
 * <p>The VL-BART/VL-T5 model implements it by returning {@code Module.namedParameters()} (with the
 * method's trainable set already frozen/unfrozen) and computing the task's loss (docs/behaviour.md#methods/3).
 *
 * @param <B> the batch type
 */
public interface TrainableModel<B> {

    /**
     * All parameters under stable dotted names; the trainer optimises those that require a gradient and
     * checkpoints exactly those.
     *
     * @return an ordered map from name to parameter (initialised)
     */
    Map<String, Parameter> namedParameters();

    /**
     * Runs the forward pass for one batch and returns its loss. Called inside the trainer's
     * {@code GradientCollector} and a per-step {@code NDScope}.
     *
     * @param batch the batch
     * @param ctx training mode (dropout on) and the batch's task key
     * @return a scalar (0-d or single-element) float loss
     */
    NDArray loss(B batch, ForwardContext ctx);

    /**
     * Whether the forward pass for a task touches a parameter. A parameter not touched gets no update at
     * all in that step (HF AdamW skips {@code grad is None}): no moment decay, no weight decay, no step
     * count. The per-task modules of the "multiple" methods answer {@code false} for other tasks'
     * adapters, LoRA matrices or prompts.
     *
     * @param taskKey the step's task key
     * @param parameterName a trainable parameter's name
     * @return {@code true} (the default) when the parameter receives a gradient for that task
     */
    default boolean usesParameter(String taskKey, String parameterName) {
        return true;
    }

    /**
     * Splits a batch for gradient accumulation: the parts' losses, each multiplied by its weight, sum to the
     * loss of the whole batch, so accumulating their weighted gradients gives the whole batch's gradient.
     *
     * @param batch a batch
     * @param parts the number of parts wanted (at most; fewer when the batch is smaller)
     * @return the parts with their weights; the default supports only {@code parts == 1}
     */
    default java.util.List<MicroBatch<B>> microBatches(B batch, int parts) {
        if (parts != 1) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not split batches for gradient accumulation");
        }
        return java.util.List.of(new MicroBatch<>(batch, 1.0));
    }
}
