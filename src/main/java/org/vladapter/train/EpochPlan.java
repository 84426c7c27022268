package org.vladapter.train;

import java.util.Iterator;

/**
 * The ordered stream of (task, batch) pairs for each epoch.
 *
 * <p>For exact resume, the order and content of epoch {@code e} must be a function of the plan's own
 * seed and {@code e} only (as VL-Adapter's multitask loader shuffles tasks with {@code Random(epoch)} and
 * each task's sampler with {@code set_epoch(epoch)}), never of how many epochs ran before in this process.
 *
 * @param <B> the batch type
 */
public interface EpochPlan<B> {

    /**
     * The number of batches every epoch yields; the learning-rate schedule is built from it
     * ({@code total = batchesPerEpoch * epochs}).
     *
     * @return batches per epoch
     */
    int batchesPerEpoch();

    /**
     * Returns the batches of one epoch. The trainer calls {@code next()} inside each step's
     * {@code NDScope}, so arrays created lazily there are freed after the step.
     *
     * @param epoch the 0-based epoch
     * @return the batches in training order; exactly {@link #batchesPerEpoch()} of them
     */
    Iterator<TaskBatch<B>> epoch(int epoch);
}
