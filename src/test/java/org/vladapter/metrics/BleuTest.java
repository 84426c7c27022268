package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-counted corpus (already tokenised):
 *
 * <pre>
 * A: cand "the cat sat on the mat" (6 words)
 *    refs "the cat is on the mat" (6), "there is a cat on the mat" (7)
 *    unigrams: the x2 (max ref count 2), cat 1, sat 0, on 1, mat 1   -> correct 5 of 6
 *    bigrams: the cat 1, cat sat 0, sat on 0, on the 1, the mat 1    -> correct 3 of 5
 *    trigrams: only "on the mat"                                     -> correct 1 of 4
 *    4-grams: none                                                   -> correct 0 of 3
 *    closest ref length to 6: 6
 * B: cand "a dog" (2), ref "a dog runs fast" (4)
 *    correct 2 of 2, 1 of 1, 0 of 0, 0 of 0; ref length 4
 * Corpus: correct [7, 4, 1, 0], guess [8, 6, 4, 3], testlen 8, reflen 10
 *    ratio = (8 + 1e-15) / (10 + 1e-9) < 1 -> brevity factor exp(1 - 1/ratio) ~ exp(-0.25)
 *    BLEU-n = (prod_{k<=n} (c_k + 1e-15) / (g_k + 1e-9))^(1/n) * exp(1 - 1/ratio)
 *    BLEU-1 ~ 7/8 * e^-0.25 = 0.68145...; BLEU-2 ~ sqrt(7/8 * 4/6) * e^-0.25 = 0.59481...
 * </pre>
 */
class BleuTest {

    private static final double TINY = 1e-15;
    private static final double SMALL = 1e-9;

    private static final List<String> CANDS = List.of("the cat sat on the mat", "a dog");
    private static final List<List<String>> REFS = List.of(
            List.of("the cat is on the mat", "there is a cat on the mat"), List.of("a dog runs fast"));

    @Test
    void corpusBleuFromHandCounts() {
        double[] c = {7, 4, 1, 0};
        double[] g = {8, 6, 4, 3};
        double ratio = (8 + TINY) / (10 + SMALL);
        double brevity = Math.exp(1 - 1 / ratio);
        double[] expected = new double[4];
        double product = 1;
        for (int k = 0; k < 4; k++) {
            product *= (c[k] + TINY) / (g[k] + SMALL);
            expected[k] = Math.pow(product, 1.0 / (k + 1)) * brevity;
        }
        double[] bleu = Bleu.compute(CANDS, REFS).corpus();
        for (int k = 0; k < 4; k++) {
            assertThat(bleu[k]).as("BLEU-%d", k + 1).isCloseTo(expected[k], within(1e-12));
        }
        assertThat(bleu[0]).isCloseTo(0.875 * Math.exp(-0.25), within(1e-9));
        assertThat(bleu[1]).isCloseTo(Math.sqrt(0.875 * 4 / 6) * Math.exp(-0.25), within(1e-9));
        assertThat(bleu[0]).isCloseTo(0.681450685, within(1e-9));
    }

    @Test
    void perImageBleuAppliesItsOwnBrevityPenalty() {
        double[][] per = Bleu.compute(CANDS, REFS).perImage();
        // B: p1 = (2 + 1e-15) / (2 + 1e-9), ratio ~ 2/4 -> exp(1 - 2) = e^-1
        double p1 = (2 + TINY) / (2 + SMALL);
        double ratio = (2 + TINY) / (4 + SMALL);
        assertThat(per[0][1]).isCloseTo(p1 * Math.exp(1 - 1 / ratio), within(1e-12));
        assertThat(per[0][1]).isCloseTo(Math.exp(-1), within(1e-9));
        // A: ratio (6 + 1e-15) / (6 + 1e-9) is just below 1 -> factor exp(-1.67e-10), i.e. ~1
        assertThat(per[0][0]).isCloseTo(5.0 / 6, within(1e-9));
    }

    @Test
    void closestReferenceLengthTiesGoToTheShorter() {
        assertThat(Bleu.closest(new int[] {3, 1}, 2)).isEqualTo(1);
        assertThat(Bleu.closest(new int[] {7, 6, 9}, 8)).isEqualTo(7);
        assertThat(Bleu.closest(new int[] {5}, 0)).isEqualTo(5);
    }

    @Test
    void emptyCandidateScoresZero() {
        double[] bleu = Bleu.compute(List.of(""), List.of(List.of("a b"))).corpus();
        // correct 0 + 1e-15 over guess 0 + 1e-9 = 1e-6, then the brevity factor exp(1 - (2 + 1e-9) / 1e-15)
        assertThat(bleu[0]).isEqualTo(0.0);
    }
}
