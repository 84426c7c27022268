package org.vladapter.generate;

import java.util.Arrays;
import java.util.List;

/**
 * The score processors of HF {@code generate} that VL-Adapter relies on, applied in place to one row of
 * scores (logits for greedy, log-probabilities for beam search).
 */
final class LogitsProcessors {

    private LogitsProcessors() {}

    /**
     * Applies n-gram blocking, minimum length and forced EOS for a hypothesis of length {@code curLen}, in
     * transformers 5's order (forced EOS last).
     *
     * @param scores one row [V], modified in place
     * @param tokens the hypothesis so far (decoder start token first)
     * @param curLen its length
     * @param cfg generation settings
     * @param eosId the EOS id
     */
    static void apply(float[] scores, List<Long> tokens, int curLen, GenerationConfig cfg, long eosId) {
        applyProcessors(scores, tokens, curLen, cfg, eosId);
        forceEos(scores, curLen, cfg);
    }

    /**
     * The n-gram blocking and minimum length processors only (transformers 4.2.1 has no forced-EOS processor: its
     * BART forces EOS through {@code adjust_logits_during_generation}, in beam search only, see
     * {@link #forceEos}).
     *
     * @param scores one row [V], modified in place
     * @param tokens the hypothesis so far (decoder start token first)
     * @param curLen its length
     * @param cfg generation settings
     * @param eosId the EOS id
     */
    static void applyProcessors(float[] scores, List<Long> tokens, int curLen, GenerationConfig cfg, long eosId) {
        if (cfg.noRepeatNgramSize() > 0) {
            banRepeatedNgrams(scores, tokens, cfg.noRepeatNgramSize());
        }
        if (curLen < cfg.minLength() && eosId >= 0) {
            scores[(int) eosId] = Float.NEGATIVE_INFINITY;
        }
    }

    /**
     * Forces {@link GenerationConfig#forcedEosId()} at position {@code max_length - 1}: every other score becomes
     * -inf and the forced token's 0 (on log-probabilities, or on logits before a log-softmax, which then gives it
     * 0 as well).
     *
     * @param scores one row [V], modified in place
     * @param curLen the hypothesis length
     * @param cfg generation settings
     */
    static void forceEos(float[] scores, int curLen, GenerationConfig cfg) {
        if (cfg.forcedEosId() >= 0 && curLen == cfg.maxLength() - 1) {
            Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            scores[(int) cfg.forcedEosId()] = 0f;
        }
    }

    /**
     * HF's {@code NoRepeatNGramLogitsProcessor}: bans every token that would complete an n-gram already
     * present in the hypothesis.
     */
    static void banRepeatedNgrams(float[] scores, List<Long> tokens, int n) {
        int len = tokens.size();
        if (len + 1 < n) {
            return;
        }
        int prefixStart = len - (n - 1);
        for (int start = 0; start + n <= len; start++) {
            boolean match = true;
            for (int j = 0; j < n - 1; j++) {
                if (!tokens.get(start + j).equals(tokens.get(prefixStart + j))) {
                    match = false;
                    break;
                }
            }
            if (match) {
                scores[(int) (long) tokens.get(start + n - 1)] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
