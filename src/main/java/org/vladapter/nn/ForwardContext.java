package org.vladapter.nn;

/**
 * What a forward pass needs besides tensors: whether dropout is active, and which task the batch belongs
 * to (per-task PEFT modules route on it).
 *
 * @param training {@code true} for a training step (dropout on)
 * @param task the task key of the batch (e.g. {@code vqa}); {@code null} when no task routing applies
 */
public record ForwardContext(boolean training, String task) {

    /** Evaluation mode, no task. */
    public static final ForwardContext EVAL = new ForwardContext(false, null);

    /**
     * @param task the task key
     * @return an evaluation context for the task
     */
    public static ForwardContext eval(String task) {
        return new ForwardContext(false, task);
    }

    /**
     * @param task the task key
     * @return a training context for the task
     */
    public static ForwardContext train(String task) {
        return new ForwardContext(true, task);
    }
}
