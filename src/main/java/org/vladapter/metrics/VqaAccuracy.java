package org.vladapter.metrics;

import org.vladapter.text.PythonText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VQA accuracy, computed as the reference scripts compute it.
 *
 * <p>Per question, with ground-truth answers {@code g_1..g_m} (m = 10 in the official annotations) and a processed
 * prediction {@code r}: {@code acc = mean_j min(1, #{k != j : g_k == r} / 3)} — the 10 leave-one-annotator-out subsets,
 * each credited in full when at least 3 of the other 9 annotators gave the answer. Annotators are told apart by
 * position (the original compares answer dicts that carry distinct {@code answer_id}s), so duplicate answer strings
 * each count. The overall score (and each per-type score) is {@code round(100 * sum / n, 2)} with a left-to-right
 * sum, as Python's built-in {@code sum} before 3.12.
 *
 * <p>The two {@link Variant}s differ only in which texts are processed:
 * <ul>
 *   <li>{@link Variant#VL_T5} ({@code VQAEvaluator.evaluate_raw}; what the paper reports, docs/behaviour.md#metrics): the
 *       prediction is always processed (newline/tab to space, strip, punctuation, digits/articles); the ground-truth
 *       answers are not stripped and are processed with {@code processPunctuation} only, and only when they are not all
 *       identical.</li>
 *   <li>{@link Variant#OFFICIAL} ({@code vqaEval.py} of the VQA API): ground-truth answers and prediction are always
 *       newline/tab-replaced and stripped; both are processed (punctuation, digits/articles) only when the ground-truth
 *       answers are not all identical.</li>
 * </ul>
 * The original mutates the ground truth in place (so a second evaluation in the same process sees already processed
 * answers); this class never mutates its inputs.
 */
public final class VqaAccuracy {

    /** Which reference script to follow. */
    public enum Variant {
        /** VL-T5 / VL-Adapter's {@code VQAEvaluator.evaluate_raw} (default). */
        VL_T5,
        /** The VQA API's {@code vqaEval.py}. */
        OFFICIAL
    }

    private final Variant variant;

    private VqaAccuracy(Variant variant) {
        this.variant = variant;
    }

    /**
     * The evaluator VL-Adapter uses ({@link Variant#VL_T5}).
     *
     * @return the evaluator
     */
    public static VqaAccuracy vlT5() {
        return new VqaAccuracy(Variant.VL_T5);
    }

    /**
     * An evaluator following the given script.
     *
     * @param variant the reference script
     * @return the evaluator
     */
    public static VqaAccuracy of(Variant variant) {
        return new VqaAccuracy(java.util.Objects.requireNonNull(variant, "variant"));
    }

    /**
     * @return the reference script followed
     */
    public Variant variant() {
        return variant;
    }

    /**
     * The accuracy of one prediction against its ground-truth answers, in [0, 1], unrounded.
     *
     * @param prediction the predicted answer (raw generated text)
     * @param answers the human answers
     * @return the leave-one-out averaged accuracy
     */
    public double questionAccuracy(String prediction, List<String> answers) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("no ground-truth answers to score '" + prediction + "' against");
        }
        List<String> gts = new ArrayList<>(answers.size());
        String res;
        if (variant == Variant.VL_T5) {
            res = VqaAnswerNormalizer.normalizePrediction(prediction);
            boolean differ = new HashSet<>(answers).size() > 1;
            for (String a : answers) {
                gts.add(differ ? VqaAnswerNormalizer.processPunctuation(a) : a);
            }
        } else {
            for (String a : answers) {
                gts.add(cleanWhitespace(a));
            }
            res = cleanWhitespace(prediction);
            if (new HashSet<>(gts).size() > 1) {
                gts.replaceAll(a -> VqaAnswerNormalizer.processDigitArticle(VqaAnswerNormalizer.processPunctuation(a)));
                res = VqaAnswerNormalizer.processDigitArticle(VqaAnswerNormalizer.processPunctuation(res));
            }
        }
        double sum = 0;
        for (int j = 0; j < gts.size(); j++) {
            int matches = 0;
            for (int k = 0; k < gts.size(); k++) {
                if (k != j && gts.get(k).equals(res)) {
                    matches++;
                }
            }
            sum += Math.min(1.0, matches / 3.0);
        }
        return sum / gts.size();
    }

    private static String cleanWhitespace(String s) {
        return PythonText.strip(s.replace('\n', ' ').replace('\t', ' '));
    }

    /**
     * Evaluates predictions against ground truth, in the predictions' iteration order (use an ordered map for
     * reproducible per-type maps).
     *
     * @param predictions question id to predicted answer
     * @param groundTruth question id to annotation; must contain every predicted id
     * @return the scores; with no predictions, overall 0 and empty maps (as the original)
     * @throws IllegalArgumentException when predicted ids are missing from the ground truth (a few are named)
     */
    public VqaScores evaluate(Map<String, String> predictions, Map<String, VqaAnnotation> groundTruth) {
        List<String> missing = new ArrayList<>();
        for (String id : predictions.keySet()) {
            if (!groundTruth.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " predicted question id(s) have no ground truth, e.g. "
                    + missing.subList(0, Math.min(5, missing.size())));
        }
        List<Double> all = new ArrayList<>();
        Map<String, List<Double>> byQuestionType = new LinkedHashMap<>();
        Map<String, List<Double>> byAnswerType = new LinkedHashMap<>();
        Map<String, Double> perQuestion = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : predictions.entrySet()) {
            VqaAnnotation gt = groundTruth.get(e.getKey());
            double acc = questionAccuracy(e.getValue(), gt.answers());
            all.add(acc);
            if (gt.questionType() != null) {
                byQuestionType.computeIfAbsent(gt.questionType(), k -> new ArrayList<>()).add(acc);
            }
            if (gt.answerType() != null) {
                byAnswerType.computeIfAbsent(gt.answerType(), k -> new ArrayList<>()).add(acc);
            }
            perQuestion.put(e.getKey(), PythonText.round(100 * acc, 2));
        }
        if (all.isEmpty()) {
            return new VqaScores(0, Map.of(), Map.of(), Map.of(), 0);
        }
        Map<String, Double> perQuestionType = new LinkedHashMap<>();
        byQuestionType.forEach((k, v) -> perQuestionType.put(k, percent(v)));
        Map<String, Double> perAnswerType = new LinkedHashMap<>();
        byAnswerType.forEach((k, v) -> perAnswerType.put(k, percent(v)));
        return new VqaScores(percent(all), perQuestionType, perAnswerType, perQuestion, all.size());
    }

    /** {@code round(100 * float(sum(accs)) / len(accs), 2)}. */
    private static double percent(List<Double> accs) {
        double sum = 0;
        for (double a : accs) {
            sum += a;
        }
        return PythonText.round(100 * sum / accs.size(), 2);
    }
}
