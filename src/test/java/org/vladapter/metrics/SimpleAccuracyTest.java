package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GQA exact match, NLVR2 accuracy + consistency, TVQA/How2QA "aK" accuracy. */
class SimpleAccuracyTest {

    @Test
    void gqaIsExactMatchWithoutNormalisation() {
        Map<String, String> gold = Map.of("1", "yes", "2", "pipe", "3", "left");
        Map<String, String> pred = Map.of("1", "yes", "2", "Pipe", "3", "left ");
        AccuracyScore s = ExactMatchAccuracy.evaluate(pred, gold);
        assertThat(s.correct()).isEqualTo(1);
        assertThat(s.total()).isEqualTo(3);
        assertThat(s.percent()).isCloseTo(100.0 / 3, within(1e-12));
        assertThatThrownBy(() -> ExactMatchAccuracy.evaluate(Map.of("9", "x"), gold))
                .hasMessageContaining("9");
    }

    @Test
    void nlvr2AccuracyAndConsistency() {
        // groups: dev-1-0-0 and dev-1-1-0 -> "dev-1--0"; dev-2-0-1 -> "dev-2--1"
        List<Nlvr2Example> examples = List.of(
                new Nlvr2Example("dev-1-0-0", true),
                new Nlvr2Example("dev-1-1-0", false),
                new Nlvr2Example("dev-2-0-1", true));
        Map<String, Boolean> pred = Map.of("dev-1-0-0", true, "dev-1-1-0", true, "dev-2-0-1", true);
        Nlvr2Metrics m = Nlvr2Metrics.evaluate(examples, pred);
        assertThat(m.accuracy()).isEqualTo(2.0 / 3);
        // "dev-1--0" has a wrong example, "dev-2--1" is all right -> 1 / 2
        assertThat(m.consistency()).isEqualTo(0.5);
        assertThat(m.groups()).isEqualTo(2);
        assertThat(Nlvr2Metrics.sentenceGroup("test1-123-2-1")).isEqualTo("test1-123--1");
        assertThatThrownBy(() -> Nlvr2Metrics.evaluate(examples, Map.of("dev-1-0-0", true)))
                .hasMessageContaining("dev-1-1-0");
    }

    @Test
    void videoQaExactAnswerIndexMatch() {
        List<VideoQaExample> examples = List.of(
                new VideoQaExample("q1", 1, "friends"),
                new VideoQaExample("q2", 2, "friends"),
                new VideoQaExample("q3", 3, "house"),
                new VideoQaExample("q4", 0, "house"));
        // q2 has a trailing space and q3 is upper case: both wrong; q4 has no prediction: wrong
        Map<String, String> pred = Map.of("q1", "a1", "q2", "a2 ", "q3", "A3");
        VideoQaAccuracy acc = VideoQaAccuracy.evaluate(examples, pred);
        assertThat(acc.correct()).isEqualTo(1);
        // correct / (count + 1e-10), as the original
        assertThat(acc.overall()).isEqualTo(1 / (4 + 1e-10));
        assertThat(acc.perType()).containsEntry("friends", 1 / (2 + 1e-10)).containsEntry("house", 0.0);
        assertThat(VideoQaAccuracy.submissionIndex("a3")).isEqualTo(3);
        assertThat(VideoQaAccuracy.submissionIndex("b2")).isEqualTo(2);
        assertThat(VideoQaAccuracy.submissionIndex("a")).isEqualTo(0);
        assertThat(VideoQaAccuracy.submissionIndex("ab")).isEqualTo(0);
    }
}
