package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per question: acc = mean over the 10 leave-one-out subsets of min(1, matches among the other 9 / 3).
 */
class VqaAccuracyTest {

    private static List<String> answers(String match, int matches, String other) {
        List<String> a = new ArrayList<>(Collections.nCopies(matches, match));
        a.addAll(Collections.nCopies(10 - matches, other));
        return a;
    }

    @Test
    void leaveOneOutAveraging() {
        VqaAccuracy vqa = VqaAccuracy.vlT5();
        // 0 matching annotators -> 0
        assertThat(vqa.questionAccuracy("yes", answers("yes", 0, "no"))).isEqualTo(0.0);
        // 1 match: leaving it out -> 0/3; leaving out one of the 9 others -> 1/3. (9 * 1/3) / 10 = 0.3
        assertThat(vqa.questionAccuracy("yes", answers("yes", 1, "no"))).isCloseTo(0.3, within(1e-12));
        // 2 matches: 2 subsets with 1/3, 8 subsets with 2/3 -> (2/3 + 16/3) / 10 = 0.6
        assertThat(vqa.questionAccuracy("yes", answers("yes", 2, "no"))).isCloseTo(0.6, within(1e-12));
        // 3 matches: 3 subsets with 2/3, 7 subsets with 3/3 -> (2 + 7) / 10 = 0.9
        assertThat(vqa.questionAccuracy("yes", answers("yes", 3, "no"))).isCloseTo(0.9, within(1e-12));
        // 4 matches: every subset keeps >= 3 -> 1
        assertThat(vqa.questionAccuracy("yes", answers("yes", 4, "no"))).isEqualTo(1.0);
    }

    @Test
    void vlT5AlwaysNormalisesThePrediction() {
        // ground truth all identical ("2"): VL-T5 leaves it alone but still turns "Two" into "2" -> 1.0;
        // vqaEval.py processes nothing when the answers are all identical -> "Two" != "2" -> 0.
        List<String> twos = Collections.nCopies(10, "2");
        assertThat(VqaAccuracy.vlT5().questionAccuracy("Two", twos)).isEqualTo(1.0);
        assertThat(VqaAccuracy.of(VqaAccuracy.Variant.OFFICIAL).questionAccuracy("Two", twos)).isEqualTo(0.0);
    }

    @Test
    void vlT5ProcessesGroundTruthPunctuationOnlyWhenAnswersDiffer() {
        // answers differ: "yes." -> "yes" by processPunctuation, so all 10 become "yes" -> 1.0
        List<String> mixed = answers("yes.", 5, "yes");
        assertThat(VqaAccuracy.vlT5().questionAccuracy("yes", mixed)).isEqualTo(1.0);
        // answers identical ("yes." x 10): left as they are -> the normalised prediction "yes" matches none
        assertThat(VqaAccuracy.vlT5().questionAccuracy("yes", Collections.nCopies(10, "yes."))).isEqualTo(0.0);
        // VL-T5 does not apply digit/article processing to the ground truth: "two" stays "two"
        assertThat(VqaAccuracy.vlT5().questionAccuracy("two", answers("two", 5, "three"))).isEqualTo(0.0);
        // vqaEval.py processes both sides when answers differ: "two" -> "2" on both -> 5 matches -> 1.0
        assertThat(VqaAccuracy.of(VqaAccuracy.Variant.OFFICIAL).questionAccuracy("two", answers("two", 5, "three")))
                .isEqualTo(1.0);
    }

    @Test
    void officialStripsGroundTruthButVlT5DoesNot() {
        List<String> padded = Collections.nCopies(10, " dog");
        assertThat(VqaAccuracy.of(VqaAccuracy.Variant.OFFICIAL).questionAccuracy("dog", padded)).isEqualTo(1.0);
        assertThat(VqaAccuracy.vlT5().questionAccuracy("dog", padded)).isEqualTo(0.0);
    }

    @Test
    void overallAndPerTypeRoundedToTwoDecimals() {
        Map<String, String> preds = new LinkedHashMap<>();
        preds.put("1", "yes");
        preds.put("2", "yes");
        preds.put("3", "yes");
        Map<String, VqaAnnotation> gts = Map.of(
                "1", new VqaAnnotation(answers("yes", 4, "no"), "is the", "yes/no"),
                "2", new VqaAnnotation(answers("yes", 1, "no"), "is the", "yes/no"),
                "3", new VqaAnnotation(answers("yes", 2, "no"), "what is", "other"));
        VqaScores s = VqaAccuracy.vlT5().evaluate(preds, gts);
        // accs 1.0, 0.3, 0.6 -> round(100 * 1.9 / 3, 2) = 63.33
        assertThat(s.overall()).isEqualTo(63.33);
        assertThat(s.count()).isEqualTo(3);
        // yes/no: (1.0 + 0.3) / 2 = 65.0; other: 60.0
        assertThat(s.perAnswerType()).containsExactly(Map.entry("yes/no", 65.0), Map.entry("other", 60.0));
        assertThat(s.perQuestionType()).containsExactly(Map.entry("is the", 65.0), Map.entry("what is", 60.0));
        assertThat(s.perQuestion()).containsEntry("2", 30.0).containsEntry("3", 60.0);
    }

    @Test
    void emptyPredictionsGiveZeroAndMissingGroundTruthIsNamed() {
        assertThat(VqaAccuracy.vlT5().evaluate(Map.of(), Map.of()).overall()).isEqualTo(0.0);
        assertThatThrownBy(() -> VqaAccuracy.vlT5().evaluate(Map.of("42", "yes"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("42");
    }
}
