package org.vladapter.eval;

import org.junit.jupiter.api.Test;
import org.vladapter.metrics.VqaAnnotation;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.Reference;
import org.vladapter.tasks.Task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Per-task scoring of predictions (hand-computed expectations). */
class TaskEvaluationTest {

    private static Example vqa(String id, Map<String, Float> scores) {
        return new Example(Task.VQA, id, "vqa: q", null, 1f, List.of("img"), new Reference.AnswerScores(scores, "other", "what"));
    }

    @Test
    void vqaUsesOfficialAccuracyWhenAnnotationsAreGivenAndTheSoftScoreOtherwise() {
        List<Example> examples = List.of(vqa("1", Map.of("yes", 1f)), vqa("2", Map.of("red", 0.6f, "blue", 1f)));
        Map<String, String> predictions = Map.of("1", "yes", "2", "red");
        // soft labels: (1.0 + 0.6) / 2
        TaskEvaluation.Result soft = TaskEvaluation.score(Task.VQA, examples, predictions);
        assertThat(soft.score()).isCloseTo(80.0, within(1e-4));
        // official: q1 10 x "yes" -> 100; q2 2 x "red" + 8 x "blue": the 10 leave-one-out subsets give
        // 2 x min(1, 1/3) + 8 x min(1, 2/3) = 18/3 over 10 -> 60; mean 80
        List<String> q2 = new ArrayList<>(Collections.nCopies(2, "red"));
        q2.addAll(Collections.nCopies(8, "blue"));
        Map<String, VqaAnnotation> official = Map.of("1", VqaAnnotation.of(Collections.nCopies(10, "yes")), "2", VqaAnnotation.of(q2));
        TaskEvaluation.Result raw = TaskEvaluation.score(Task.VQA, examples, Map.of("1", "yes", "2", "red"), official);
        assertThat(raw.score()).isCloseTo(80.0, within(0.01));
        assertThat(raw.metrics()).containsKeys("accuracy", "vqa_score");
        // a prediction that only the soft labels reward differently: "blue" scores 1.0 soft, 100 official
        TaskEvaluation.Result blue = TaskEvaluation.score(Task.VQA, examples, Map.of("1", "no", "2", "blue"), official);
        assertThat(blue.metrics().get("vqa_score")).isCloseTo(50.0, within(1e-4));
        // official: q1 0; q2 predicted blue: 8 x min(1, 7/3) + 2 x min(1, 8/3) = 10 -> 100; mean 50
        assertThat(blue.score()).isCloseTo(50.0, within(0.01));
    }

    @Test
    void nlvrScoresAccuracyAndConsistencyFromTrueFalsePredictions() {
        List<Example> examples = List.of(
                new Example(Task.NLVR2, "u0", "s", "true", 1f, List.of("a", "b"), new Reference.PairLabel(1, "dev-1-0-0")),
                new Example(Task.NLVR2, "u1", "s", "false", 1f, List.of("a", "b"), new Reference.PairLabel(0, "dev-1-1-0")),
                new Example(Task.NLVR2, "u2", "t", "true", 1f, List.of("a", "b"), new Reference.PairLabel(1, "dev-2-0-0")));
        TaskEvaluation.Result r = TaskEvaluation.score(Task.NLVR2, examples, Map.of("u0", "true", "u1", "false", "u2", "false"));
        assertThat(r.score()).isCloseTo(100.0 * 2 / 3, within(1e-9));
        // sentence groups dev-1-*-0 (both right) and dev-2-*-0 (wrong): consistency 1/2
        assertThat(r.metrics().get("consistency")).isCloseTo(50.0, within(1e-9));
    }
}
