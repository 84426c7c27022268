package org.vladapter.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TVQA / How2QA accuracy, as VL-Adapter's {@code TVQAEvaluator} / {@code How2QAEvaluator}: a prediction is correct when
 * the generated string equals {@code "a{answer_idx}"} exactly. Accuracies are {@code correct / (count + 1e-10)} — the
 * original's guard against empty types, kept so values agree to the last bit — overall and per type; the denominators
 * count every labelled example (an example without a prediction counts as wrong).
 *
 * @param overall overall accuracy in [0, 1] (the original's {@code all_type_accuracy})
 * @param perType accuracy per type (first-seen order)
 * @param correct number of correct predictions
 * @param total number of labelled examples
 */
public record VideoQaAccuracy(double overall, Map<String, Double> perType, int correct, int total) {

    private static final double EPS = 1e-10;

    /**
     * @param overall overall accuracy
     * @param perType per type accuracy
     * @param correct number correct
     * @param total number of examples
     */
    public VideoQaAccuracy {
        perType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perType));
    }

    /**
     * @param examples the labelled questions
     * @param predictions question id to generated string
     * @return the accuracies
     */
    public static VideoQaAccuracy evaluate(List<VideoQaExample> examples, Map<String, String> predictions) {
        Map<String, int[]> byType = new LinkedHashMap<>();
        int correct = 0;
        for (VideoQaExample ex : examples) {
            int[] counts = byType.computeIfAbsent(ex.type() == null ? "all" : ex.type(), k -> new int[2]);
            counts[1]++;
            if (ex.target().equals(predictions.get(ex.questionId()))) {
                counts[0]++;
                correct++;
            }
        }
        Map<String, Double> perType = new LinkedHashMap<>();
        byType.forEach((type, c) -> perType.put(type, c[0] / ((double) c[1] + EPS)));
        return new VideoQaAccuracy(correct / ((double) examples.size() + EPS), perType, correct, examples.size());
    }

    /**
     * The answer index written to the TVQA / How2QA test submission for a generated string, as the original's
     * {@code int(pred[1])} with 0 when that fails: the second character read as a decimal digit ({@code "a3" -> 3}),
     * else 0.
     *
     * @param prediction the generated string
     * @return the answer index for the submission file
     */
    public static int submissionIndex(String prediction) {
        if (prediction == null || prediction.codePointCount(0, prediction.length()) < 2) {
            return 0;
        }
        int second = prediction.codePointAt(prediction.offsetByCodePoints(0, 1));
        int digit = Character.digit(second, 10);
        return digit < 0 ? 0 : digit;
    }
}
