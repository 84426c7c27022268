package org.vladapter.train;

/**
 * A part of a batch for gradient accumulation, with the weight that makes the parts' weighted losses add up
 * to the whole batch's loss (its share of the batch's loss normaliser: examples, or tokens for token-mean losses).
 *
 * @param <B> the batch type
 * @param batch the part
 * @param weight its weight; the weights of a batch's parts sum to 1
 */
public record MicroBatch<B>(B batch, double weight) {}
