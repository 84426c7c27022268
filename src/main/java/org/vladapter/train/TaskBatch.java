package org.vladapter.train;

/**
 * One training step's input: which task it belongs to, its position in the epoch, and its data.
 *
 * @param task the task key (e.g. {@code vqa}); routes per-task modules and labels the loss history
 * @param index the 0-based position of this batch within its epoch
 * @param batch the batch itself
 * @param size the number of examples in it (for throughput)
 * @param <B> the batch type
 */
public record TaskBatch<B>(String task, int index, B batch, int size) {}
