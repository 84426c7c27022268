package org.vladapter.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exact-match accuracy, as VL-T5's {@code GQAEvaluator.evaluate} scores GQA: {@code mean_q label.get(pred, 0)} with
 * labels {@code {answer: 1.0}}, i.e. the decoded string must equal the gold answer character for character — no
 * lower-casing, no stripping, no punctuation handling. The mean is over the predictions.
 */
public final class ExactMatchAccuracy {

    private ExactMatchAccuracy() {}

    /**
     * @param predictions id to predicted string (every id must have a gold answer)
     * @param gold id to gold answer
     * @return the accuracy over the predictions
     * @throws IllegalArgumentException when predicted ids have no gold answer (a few are named)
     */
    public static AccuracyScore evaluate(Map<String, String> predictions, Map<String, String> gold) {
        List<String> missing = new ArrayList<>();
        int correct = 0;
        for (Map.Entry<String, String> e : predictions.entrySet()) {
            String answer = gold.get(e.getKey());
            if (answer == null) {
                missing.add(e.getKey());
            } else if (answer.equals(e.getValue())) {
                correct++;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " predicted id(s) have no gold answer, e.g. "
                    + missing.subList(0, Math.min(5, missing.size())));
        }
        return new AccuracyScore(correct, predictions.size());
    }
}
