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
     * Applies n-gram blocking, minimum length and forced EOS for a hypothesis of length {@code curLen}.
     *
     * @param scores one row [V], modified in place
     * @param tokens the hypothesis so far (decoder start token first)
     * @param curLen its length
     * @param cfg generation settings
     * @param eosId the EOS id
     */
    static void apply(float[] scores, List<Long> tokens, int curLen, GenerationConfig cfg, long eosId) {
        if (cfg.noRepeatNgramSize() > 0) {
            banRepeatedNgrams(scores, tokens, cfg.noRepeatNgramSize());
        }
        if (curLen < cfg.minLength() && eosId >= 0) {
            scores[(int) eosId] = Float.NEGATIVE_INFINITY;
        }
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
