package org.vladapter.train;

/**
 * The loss of one training step.
 *
 * @param step the 0-based global optimizer step
 * @param epoch the 0-based epoch
 * @param batchIndex the 0-based batch position within the epoch
 * @param task the batch's task key
 * @param loss the loss value
 * @param learningRate the learning rate the step used
 * @param gradNorm the global gradient L2 norm before clipping
 */
public record LossRecord(long step, int epoch, int batchIndex, String task, float loss, double learningRate, double gradNorm) {}
