package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand computations from cider_scorer.py's definitions: weight w(g) = tf * (ln(#images) - ln(max(1, df(g)))), per
 * order val_n = sum min(vh, vr) vr / (|vh| |vr|) * e^(-delta^2 / 72), image score = 10 * mean_n(sum over refs) / #refs.
 */
class CiderDTest {

    @Test
    void twoImageCorpus() {
        // 2 images -> refLen = ln 2. Every reference n-gram occurs in exactly one image: df 1 -> ln(1) = 0, so every
        // n-gram (also unseen ones, df 0 -> max(1, 0) = 1) weighs w = ln 2 per occurrence.
        // image 1: "a b" vs "a b": identical vectors -> val_1 = val_2 = 1, val_3 = val_4 = 0 (no trigrams), both have
        //          1 bigram -> delta 0. Score = 10 * (1 + 1 + 0 + 0) / 4 / 1 = 5.
        // image 2: "c" vs "c d": val_1 = w*w / (w * w*sqrt(2)) = 1/sqrt(2); the candidate has no bigram -> val_2 = 0;
        //          delta = 0 - 1 bigrams = -1 -> e^(-1/72). Score = 10 * (e^(-1/72) / sqrt(2)) / 4.
        CiderD.Score s = CiderD.compute(List.of("a b", "c"), List.of(List.of("a b"), List.of("c d")));
        double image2 = 10 * (Math.exp(-1.0 / 72) / Math.sqrt(2)) / 4;
        assertThat(s.perImage()[0]).isCloseTo(5.0, within(1e-12));
        assertThat(s.perImage()[1]).isCloseTo(image2, within(1e-12));
        assertThat(s.perImage()[1]).isCloseTo(1.7433843, within(1e-6));
        assertThat(s.corpus()).isCloseTo((5.0 + image2) / 2, within(1e-12));
    }

    @Test
    void candidateCountsAreClippedByTheReference() {
        // image 1: "a a" vs "a": unigram a: vh = 2w, vr = w -> min(2w, w) * w / (2w * w) = 0.5 (1.0 unclipped);
        //          bigram "a a" is not in the reference -> 0; delta = 1 - 0 bigrams -> e^(-1/72).
        //          score = 10 * 0.5 e^(-1/72) / 4 = 1.25 e^(-1/72)
        // image 2: "b" vs "b": val_1 = 1, no bigrams anywhere, delta 0 -> 10 * 1 / 4 = 2.5
        CiderD.Score s = CiderD.compute(List.of("a a", "b"), List.of(List.of("a"), List.of("b")));
        assertThat(s.perImage()[0]).isCloseTo(1.25 * Math.exp(-1.0 / 72), within(1e-12));
        assertThat(s.perImage()[1]).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void documentFrequencyComesFromReferencesOfTheCorpus() {
        // 3 images; "dog" is in the references of images 1 and 2 -> df 2, weight ln3 - ln2; "cat" df 1 -> ln3.
        // image 3: candidate "dog" vs reference "cat": no overlap -> 0.
        // image 1: "dog" vs "dog": val_1 = 1 whatever the weight -> 10 * 1/4 = 2.5 (no bigrams, delta 0)
        // image 2: "dog" vs "dog" and "cat": sum over refs 1 + 0, / 2 refs -> 1.25
        CiderD.Score s = CiderD.compute(List.of("dog", "dog", "dog"),
                List.of(List.of("dog"), List.of("dog", "cat"), List.of("cat")));
        assertThat(s.perImage()).containsExactly(new double[] {2.5, 1.25, 0.0}, within(1e-12));
        // a single-image corpus has refLen = ln 1 = 0: every weight is 0 and so is CIDEr-D
        assertThat(CiderD.compute(List.of("a b"), List.of(List.of("a b"))).corpus()).isEqualTo(0.0);
    }

    @Test
    void repeatedReferencesAverageOverReferences() {
        // image 1 has two references, one identical to the candidate, one disjoint: (1 + 0) / 2 per order
        // -> unigram and bigram orders give 0.5 each: 10 * (0.5 + 0.5) / 4 = 2.5; delta 0 for both (1 bigram each).
        CiderD.Score s = CiderD.compute(List.of("a b", "z"), List.of(List.of("a b", "c d"), List.of("z")));
        assertThat(s.perImage()[0]).isCloseTo(2.5, within(1e-12));
    }
}
