package org.vladapter.tasks;

import org.vladapter.metrics.CaptionEvaluator;
import org.vladapter.metrics.CaptionScores;
import org.vladapter.metrics.ExactMatchAccuracy;
import org.vladapter.metrics.Nlvr2Example;
import org.vladapter.metrics.Nlvr2Metrics;
import org.vladapter.metrics.VideoQaAccuracy;
import org.vladapter.metrics.VideoQaExample;
import org.vladapter.metrics.VqaAccuracy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The paper's metrics as {@link TaskMetric}s, shared by the tasks that use them; all main scores in 0-100. */
public final class TaskMetrics {

    private TaskMetrics() {}

    /**
     * VQA: with the official annotations ({@code v2_mscoco_*_annotations.json}, 10 human answers per question)
     * the main score is the official-style VQA accuracy as VL-T5's {@code evaluate_raw} computes it (the
     * paper's number, {@code accuracy}); the VL-T5 score {@code mean(label[prediction])} over the soft labels
     * of the Karpathy files ({@code vqa_score}) is reported too, and is the main score without annotations.
     */
    public static final TaskMetric VQA_SCORE = (examples, predictions, annotations) -> {
        Map<String, Double> metrics = new LinkedHashMap<>();
        double sum = 0;
        for (Example e : examples) {
            Reference.AnswerScores ref = (Reference.AnswerScores) e.reference();
            sum += ref.scores().getOrDefault(predictions.get(e.id()), 0f);
        }
        double main = 100.0 * sum / examples.size();
        metrics.put("vqa_score", main);
        if (!annotations.isEmpty()) {
            Map<String, String> byQuestion = new LinkedHashMap<>();
            for (Example e : examples) {
                byQuestion.put(e.id(), predictions.get(e.id()));
            }
            main = VqaAccuracy.vlT5().evaluate(byQuestion, annotations).overall();
            metrics.put("accuracy", main);
        }
        return new TaskMetric.Scores(main, metrics);
    };

    /** GQA: exact match against the best-scored answer ({@code accuracy}). */
    public static final TaskMetric EXACT_MATCH = (examples, predictions, annotations) -> {
        Map<String, String> gold = new LinkedHashMap<>();
        for (Example e : examples) {
            Reference.AnswerScores ref = (Reference.AnswerScores) e.reference();
            gold.put(e.id(), ref.scores().entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(""));
        }
        double main = ExactMatchAccuracy.evaluate(predictions, gold).percent();
        return new TaskMetric.Scores(main, new LinkedHashMap<>(Map.of("accuracy", main)));
    };

    /** NLVR2: accuracy and consistency over the statements' identifiers. */
    public static final TaskMetric NLVR2 = (examples, predictions, annotations) -> {
        List<Nlvr2Example> refs = new ArrayList<>();
        Map<String, Boolean> preds = new LinkedHashMap<>();
        for (Example e : examples) {
            Reference.PairLabel ref = (Reference.PairLabel) e.reference();
            refs.add(new Nlvr2Example(ref.identifier(), ref.label() == 1));
            preds.put(ref.identifier(), "true".equals(predictions.get(e.id())));
        }
        Nlvr2Metrics m = Nlvr2Metrics.evaluate(refs, preds);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double main = 100.0 * m.accuracy();
        metrics.put("accuracy", main);
        metrics.put("consistency", 100.0 * m.consistency());
        return new TaskMetric.Scores(main, metrics);
    };

    /** TVQA, How2QA: multiple-choice accuracy ({@code accuracy}). */
    public static final TaskMetric VIDEO_QA = (examples, predictions, annotations) -> {
        List<VideoQaExample> refs = new ArrayList<>();
        for (Example e : examples) {
            Reference.Choice ref = (Reference.Choice) e.reference();
            refs.add(new VideoQaExample(e.id(), ref.answerIndex(), ref.type()));
        }
        double main = 100.0 * VideoQaAccuracy.evaluate(refs, predictions).overall();
        return new TaskMetric.Scores(main, new LinkedHashMap<>(Map.of("accuracy", main)));
    };

    /** COCO, TVC, YC2C: BLEU-1..4, ROUGE-L and CIDEr-D; the main score CIDEr-D ×100 ({@code CIDEr-D x100}). */
    public static final TaskMetric CAPTIONS = (examples, predictions, annotations) -> {
        List<String> candidates = new ArrayList<>();
        List<List<String>> references = new ArrayList<>();
        for (Example e : examples) {
            candidates.add(predictions.get(e.id()));
            references.add(((Reference.Captions) e.reference()).references());
        }
        CaptionScores s = CaptionEvaluator.builder().build().evaluate(candidates, references);
        Map<String, Double> metrics = new LinkedHashMap<>();
        s.asMap().forEach(metrics::put);
        double main = 100.0 * s.ciderD();
        metrics.put("CIDEr-D x100", main);
        return new TaskMetric.Scores(main, metrics);
    };
}
