package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** F = (1 + 1.2^2) P R / (R + 1.2^2 P) with P and R maximised separately over the references. */
class RougeLTest {

    @Test
    void maxPrecisionAndMaxRecallComeFromDifferentReferences() {
        // cand "a b c d": vs "a b" LCS 2 -> P 2/4, R 2/2 = 1; vs "a b c d e f g h" LCS 4 -> P 4/4 = 1, R 4/8.
        // max P = 1, max R = 1 -> F = 2.44 / 2.44 = 1, although each single reference gives less
        // (0.709... and 0.628...).
        double score = RougeL.compute(List.of("a b c d"), List.of(List.of("a b", "a b c d e f g h"))).corpus();
        assertThat(score).isEqualTo(1.0);
    }

    @Test
    void handComputedCorpus() {
        // image 1: "the cat sat on the mat" vs "the cat is on the mat": LCS "the cat on the mat" = 5 -> P = R = 5/6;
        //          vs "there is a cat on the mat": LCS "cat on the mat" = 4 -> P 4/6, R 4/7. F(5/6, 5/6) = 5/6.
        // image 2: "a dog" vs "a dog runs fast": LCS 2, P 1, R 1/2 -> F = 2.44 * 0.5 / (0.5 + 1.44) = 1.22 / 1.94
        RougeL.Score s = RougeL.compute(List.of("the cat sat on the mat", "a dog"),
                List.of(List.of("the cat is on the mat", "there is a cat on the mat"), List.of("a dog runs fast")));
        assertThat(s.perImage()[0]).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(s.perImage()[1]).isCloseTo(1.22 / 1.94, within(1e-12));
        assertThat(s.corpus()).isCloseTo((5.0 / 6 + 1.22 / 1.94) / 2, within(1e-12));
    }

    @Test
    void emptyCaptionsAreOneEmptyWord() {
        // Python "".split(" ") == [''], so an empty candidate matches an empty reference: LCS 1 of 1 -> 1.0
        assertThat(RougeL.compute(List.of(""), List.of(List.of(""))).corpus()).isEqualTo(1.0);
        assertThat(RougeL.compute(List.of(""), List.of(List.of("a dog"))).corpus()).isEqualTo(0.0);
    }

    @Test
    void lcsLength() {
        int[] row = new int[16];
        assertThat(RougeL.lcs(new int[] {1, 2, 3, 4, 1}, new int[] {3, 4, 1, 2, 1}, row)).isEqualTo(3);
        assertThat(RougeL.lcs(new int[] {}, new int[] {1}, row)).isEqualTo(0);
    }
}
