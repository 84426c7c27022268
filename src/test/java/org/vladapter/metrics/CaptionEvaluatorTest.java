package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptionEvaluatorTest {

    @Test
    void rawCaptionsAreTokenisedBeforeScoring() {
        // "A b!" / "a b" tokenise to "a b"; "C!" -> "c"; "c, d" -> "c d": the CiderDTest corpus, so CIDEr-D matches it.
        // ("A B." would not do: PTB keeps "B." together as an initial, giving "a b.")
        CaptionScores s = CaptionEvaluator.builder().build()
                .evaluate(List.of("A b!", "C!"), List.of(List.of("a b"), List.of("c, d")));
        double expectedCider = (5.0 + 10 * (Math.exp(-1.0 / 72) / Math.sqrt(2)) / 4) / 2;
        assertThat(s.ciderD()).isCloseTo(expectedCider, within(1e-12));
        assertThat(s.images()).isEqualTo(2);
        assertThat(s.asMap()).containsOnlyKeys("BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr-D");
        assertThat(s.perImage().get("CIDEr-D")).hasSize(2);
        assertThat(CaptionScores.UNAVAILABLE).containsExactly("METEOR", "SPICE");
    }

    @Test
    void agreesWithPycocoevalcapOnASmallCorpus() {
        // Values printed by the public toolkit itself (language_evaluation's pycocoevalcap: PTBTokenizer with CoreNLP
        // 3.4.1, Bleu(4), Rouge(), Cider()) for this corpus; tokenised it reads
        //   gts {0: ["a dog with a bone", "the dog -lrb- brown -rrb- eats a bone"], 1: ["two cats sleeping", "a pair of cats"]}
        //   res {0: ["a dog 's bone"], 1: ["two cats"]}
        CaptionScores s = CaptionEvaluator.builder().build().evaluate(
                List.of("A dog's bone.", "two cats"),
                List.of(List.of("a dog with a bone", "The dog (brown) eats a bone."),
                        List.of("Two cats sleeping.", "a pair of cats")));
        Map<String, Double> m = s.asMap();
        assertThat(m.get("BLEU-1")).isCloseTo(0.5971094252791215, within(1e-9));
        assertThat(m.get("BLEU-2")).isCloseTo(0.4625189719746323, within(1e-9));
        assertThat(m.get("BLEU-3")).isCloseTo(4.247709033056477e-06, within(1e-9));
        assertThat(m.get("BLEU-4")).isCloseTo(1.5308225924325676e-08, within(1e-9));
        assertThat(m.get("ROUGE-L")).isCloseTo(0.7128616636528029, within(1e-9));
        assertThat(m.get("CIDEr-D")).isCloseTo(1.9877563447271727, within(1e-9));
    }

    @Test
    void unkReplacementIsASubstringReplacementOnReferencesOnly() {
        // with replacement the reference "_UNK dog" becomes "_UNKNOWN dog". PTB splits off the underscore:
        // candidate "_ unk dog" vs reference "_ unknown dog" -> 2 of 3 unigrams, plus "cat" 1 of 1 -> BLEU-1 = 3/4
        // (equal lengths: no brevity penalty beyond the 1e-15/1e-9 constants); without replacement all 4 match.
        List<List<String>> refs = List.of(List.of("_UNK dog"), List.of("cat"));
        List<String> cands = List.of("_UNK dog", "cat");
        double replaced = CaptionEvaluator.builder().build().evaluate(cands, refs).bleu()[0];
        double kept = CaptionEvaluator.builder().replaceUnk(false).build().evaluate(cands, refs).bleu()[0];
        assertThat(kept).isCloseTo(1.0, within(1e-9));
        assertThat(replaced).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void pretokenisedInputSkipsPtb() {
        CaptionScores s = CaptionEvaluator.builder().ptbTokenization(false).build()
                .evaluate(List.of("A B."), List.of(List.of("a b")));
        // "A" != "a" and "B." != "b": no unigram matches
        assertThat(s.bleu()[0]).isLessThan(1e-6);
    }

    @Test
    void shapeErrorsSayWhatIsWrong() {
        CaptionEvaluator e = CaptionEvaluator.builder().build();
        assertThatThrownBy(() -> e.evaluate(List.of("a"), List.of()))
                .hasMessageContaining("1 candidates but 0 reference lists");
        assertThatThrownBy(() -> e.evaluate(List.of("a"), List.of(List.of()))).hasMessageContaining("image #0");
        assertThatThrownBy(() -> e.evaluate(List.of(), List.of())).hasMessageContaining("no captions");
    }
}
