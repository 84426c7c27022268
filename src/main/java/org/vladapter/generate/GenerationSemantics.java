package org.vladapter.generate;

/**
 * Which transformers release {@link Generator} reproduces. The two differ only where a step reaches the maximum
 * length, in the beam-search stopping test, and in whether greedy decoding forces EOS.
 *
 * <p>{@link #TRANSFORMERS_4_2_1} is what the original VL-Adapter ran ({@code transformers==4.2.1}), read from that
 * release's {@code generation_utils.py}, {@code generation_beam_search.py} and BART's
 * {@code adjust_logits_during_generation}; {@link org.vladapter.eval.TaskDecoding the paper's tasks} decode with it.
 * {@link #TRANSFORMERS_5} is today's HF {@code generate}, checked token for token against transformers 5.17.0
 * fixtures; it stays the default of {@link GenerationConfig#builder()} so that HF parity holds.
 *
 * @see org.vladapter.eval.TaskDecoding
 */
public enum GenerationSemantics {

    /**
     * transformers 4.2.1:
     * <ul>
     *   <li><b>greedy</b> search never forces EOS: BART's forced EOS at position {@code max_length - 1} lives in
     *       {@code adjust_logits_during_generation}, which 4.2.1 calls from {@code beam_search},
     *       {@code beam_sample} and {@code group_beam_search} only ({@code greedy_search} and {@code sample} go
     *       straight from the logits to the logits processors, none of which forces EOS in 4.2.1); a greedy BART
     *       output that reaches {@code max_length} simply stops there;</li>
     *   <li><b>beam</b> search forces EOS on the logits before the log-softmax, then applies the processors;
     *       a candidate ending in EOS among the {@code num_beams} best of the {@code 2 * num_beams} finishes with
     *       score {@code sum_logprobs / cur_len^length_penalty} ({@code cur_len} = its length before the EOS,
     *       start token included); the next running beams are the best {@code num_beams} candidates that do not
     *       end in EOS, whatever their rank;</li>
     *   <li>an input is done once it has {@code num_beams} finished hypotheses and either
     *       {@code early_stopping} is set or the best of all {@code 2 * num_beams} candidate scores (an EOS
     *       candidate included) divided by {@code cur_len^length_penalty} cannot beat the worst of them;</li>
     *   <li>when the loop stops at {@code max_length}, {@code finalize} adds every running beam of an input that
     *       is not done as a hypothesis, its score divided by its full length ({@code max_length}, start token
     *       included) to the power of the length penalty;</li>
     *   <li>the best hypothesis (the latest added among equal scores) is returned with EOS appended when it is
     *       shorter than {@code max_length}, padded with {@code pad_token_id} (T5: 0).</li>
     * </ul>
     */
    TRANSFORMERS_4_2_1,

    /** transformers 5.x, as documented on {@link Generator} (forced EOS in greedy search too). */
    TRANSFORMERS_5
}
