package org.vladapter.eval;

import org.vladapter.model.VlModel;
import org.vladapter.metrics.VqaAnnotation;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.TaskMetric;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.VideoClip;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.tasks.TaskLoader;
import org.vladapter.train.ProgressBar;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@link VlModel} on one task's split with the paper's metric (the task's
 * {@link org.vladapter.tasks.TaskSpec#metric()}, {@link org.vladapter.tasks.TaskMetrics}):
 * VQA score (see below), GQA exact match, NLVR2 accuracy (and consistency), COCO / TVC / YC2C CIDEr-D ×100
 * (with BLEU-1..4 and ROUGE-L), TVQA / How2QA accuracy; all main scores in 0-100.
 *
 * <p>VQA: with the official annotation files ({@code v2_mscoco_*_annotations.json}, 10 human answers per
 * question) the main score is the official-style VQA accuracy as VL-T5's {@code evaluate_raw} computes it
 * (the paper's number); the VL-T5 "score" {@code mean(label[prediction])} over the soft labels of the Karpathy
 * files is reported too, and is the main score when no official annotations are given.
 */
public final class TaskEvaluation {

    /**
     * One task's result.
     *
     * @param task the task
     * @param score the main score in 0-100
     * @param metrics every metric computed, by name
     * @param predictions predicted text by example id
     * @param videoClips the VALUE clip of each evaluated example by example id (TVC, YC2C; empty otherwise), for
     *     the VALUE submission file
     */
    public record Result(Task task, double score, Map<String, Double> metrics, Map<String, String> predictions,
            Map<String, VideoClip> videoClips) {

        /** Copies the clip map. */
        public Result {
            videoClips = videoClips == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(videoClips));
        }

        /**
         * A result without clips (every task but TVC and YC2C).
         *
         * @param task the task
         * @param score the main score
         * @param metrics every metric
         * @param predictions predicted text by example id
         */
        public Result(Task task, double score, Map<String, Double> metrics, Map<String, String> predictions) {
            this(task, score, metrics, predictions, Map.of());
        }

        /**
         * @param clips the VALUE clip of each example by example id
         * @return this result with the clips
         */
        public Result withVideoClips(Map<String, VideoClip> clips) {
            return new Result(task, score, metrics, predictions, clips);
        }
    }

    private TaskEvaluation() {}

    /**
     * @param model the model (it needs a tokenizer to decode)
     * @param data the split
     * @param collator tokenises and pools
     * @param batchSize evaluation batch size
     * @param progress progress output counting {@link ProgressBar.Unit#EXAMPLES} (total: {@code data.size()}), or {@code null}
     * @return the result
     */
    public static Result evaluate(VlModel model, TaskDataset data, BatchCollator collator, int batchSize, ProgressBar progress) {
        return evaluate(model, data, collator, batchSize, progress, Map.of());
    }

    /**
     * @param model the model (it needs a tokenizer to decode)
     * @param data the split
     * @param collator tokenises and pools
     * @param batchSize evaluation batch size
     * @param progress progress output counting {@link ProgressBar.Unit#EXAMPLES} (total: {@code data.size()}), or {@code null}
     * @param vqaAnnotations official VQA annotations by question id (empty: soft-score VQA score only)
     * @return the result
     */
    public static Result evaluate(VlModel model, TaskDataset data, BatchCollator collator, int batchSize,
            ProgressBar progress, Map<String, VqaAnnotation> vqaAnnotations) {
        TaskLoader loader = new TaskLoader(data, batchSize, collator);
        Map<String, String> predictions = new LinkedHashMap<>();
        List<Example> examples = new ArrayList<>();
        Iterator<Batch> batches = loader.inOrder(0);
        while (batches.hasNext()) {
            Batch b = batches.next();
            List<String> out = model.predict(b);
            for (int i = 0; i < b.size(); i++) {
                predictions.put(b.exampleIds().get(i), out.get(i));
                examples.add(b.examples().get(i));
            }
            if (progress != null) {
                progress.step(b.size(), Float.NaN);
            }
        }
        return score(data.task(), examples, predictions, vqaAnnotations).withVideoClips(videoClips(data, predictions.keySet()));
    }

    /**
     * @param data a split
     * @param exampleIds the evaluated examples
     * @return the VALUE clip of each evaluated example by example id (empty unless the split is TVC or YC2C)
     */
    public static Map<String, VideoClip> videoClips(TaskDataset data, java.util.Set<String> exampleIds) {
        Map<String, VideoClip> clips = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            data.videoClip(i).filter(c -> exampleIds.contains(c.exampleId())).ifPresent(c -> clips.put(c.exampleId(), c));
        }
        return clips;
    }

    /**
     * Scores predictions against the examples' references.
     *
     * @param task the task
     * @param examples the evaluated examples
     * @param predictions prediction by example id
     * @return the result
     */
    public static Result score(Task task, List<Example> examples, Map<String, String> predictions) {
        return score(task, examples, predictions, Map.of());
    }

    /**
     * Scores predictions against the examples' references with the task's metric.
     *
     * @param task the task
     * @param examples the evaluated examples
     * @param predictions prediction by example id
     * @param vqaAnnotations official VQA annotations by question id (used for VQA when not empty)
     * @return the result
     */
    public static Result score(Task task, List<Example> examples, Map<String, String> predictions,
            Map<String, VqaAnnotation> vqaAnnotations) {
        TaskMetric.Scores scores = task.spec().metric().score(examples, predictions, vqaAnnotations);
        return new Result(task, scores.main(), scores.metrics(), predictions);
    }
}
