package org.vladapter.generate;

/**
 * What {@link Generator} returns, as HF {@code generate(..., return_dict_in_generate=True,
 * output_scores=False)} does for an encoder-decoder.
 *
 * @param sequences per input row the generated ids, decoder start token first, padded to the longest row
 *     (see {@link Generator} for the padding value)
 * @param sequencesScores beam search only: per row the score of the returned hypothesis (its summed
 *     log-probabilities divided by its generated length to the power of the length penalty); {@code null}
 *     for greedy decoding
 */
public record GenerationOutput(long[][] sequences, float[] sequencesScores) {}
