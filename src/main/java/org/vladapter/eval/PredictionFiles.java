package org.vladapter.eval;

import com.google.gson.GsonBuilder;
import org.vladapter.io.AtomicFiles;
import org.vladapter.tasks.SubmissionFormat;
import org.vladapter.tasks.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a task's predictions: always as {@code <task>_predictions.json} ({@code {id: text}}, the input
 * of {@code vladapter evaluate}), and in the task's official submission format
 * ({@link org.vladapter.tasks.TaskSpec#submission()}, {@link org.vladapter.tasks.Submissions}) where the ids allow it (VQA
 * {@code [{question_id, answer}]}, GQA {@code [{questionId, prediction}]}, NLVR2 csv, TVQA/How2QA
 * {@code {qid: int}}, TVC/YC2C VALUE JSON lines {@code {vid_name, clip_id, ts, descs: [{desc}]}} one per clip in
 * {@code <task>_submission.jsonl}). All files are written atomically.
 */
public final class PredictionFiles {

    private PredictionFiles() {}

    /**
     * @param dir output folder
     * @param result one task's evaluation
     * @return the files written
     */
    public static Map<String, Path> write(Path dir, TaskEvaluation.Result result) {
        return write(dir, result, Map.of());
    }

    /**
     * Every metric of a result on the paper's 0-100 scale: caption metrics (BLEU-1..4, ROUGE-L, CIDEr-D),
     * which the caption toolkit computes as fractions, are multiplied by 100; accuracies already are
     * percentages.
     *
     * @param result one task's evaluation
     * @return {@code {task, score, metrics}}
     */
    static Map<String, Object> scoresX100(TaskEvaluation.Result result) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        result.metrics().forEach((k, v) -> {
            if (k.startsWith("BLEU-") || k.equals("ROUGE-L") || k.equals("CIDEr-D")) {
                metrics.put(k, 100 * v);
            } else if (!k.equals("CIDEr-D x100")) {
                metrics.put(k, v);
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", result.task().key());
        out.put("score", result.score());
        out.put("scale", "0-100 (CIDEr-D x100, as the paper reports it)");
        out.put("metrics", metrics);
        return out;
    }

    /**
     * Like {@link #write(Path, TaskEvaluation.Result)}, and for caption tasks also the references as
     * {@code <task>_references.json} ({@code {id: [reference, ...]}}), so that {@code vladapter evaluate
     * --predictions <task>_predictions.json --references <task>_references.json} recomputes the scores.
     *
     * @param dir output folder
     * @param result one task's evaluation
     * @param references reference captions by example id (empty: none written)
     * @return the files written
     */
    public static Map<String, Path> write(Path dir, TaskEvaluation.Result result, Map<String, java.util.List<String>> references) {
        if (!references.isEmpty()) {
            Path refs = dir.resolve(result.task().key() + "_references.json");
            try {
                AtomicFiles.writeString(refs, new GsonBuilder().setPrettyPrinting().create().toJson(references));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write references of " + result.task().key() + " to " + dir
                        + ": " + e.getMessage(), e);
            }
        }
        return writePredictions(dir, result);
    }

    private static Map<String, Path> writePredictions(Path dir, TaskEvaluation.Result result) {
        Map<String, Path> written = new LinkedHashMap<>();
        Task task = result.task();
        Map<String, String> preds = result.predictions();
        try {
            Path scores = dir.resolve(task.key() + "_scores.json");
            AtomicFiles.writeString(scores, new GsonBuilder().setPrettyPrinting().create().toJson(scoresX100(result)));
            written.put("scores", scores);
            Path simple = dir.resolve(task.key() + "_predictions.json");
            AtomicFiles.writeString(simple, new GsonBuilder().setPrettyPrinting().create().toJson(preds));
            written.put("predictions", simple);
            SubmissionFormat format = task.spec().submission();
            Path official = dir.resolve(task.key() + "_submission" + format.extension());
            if (format != SubmissionFormat.NONE && format.write(official, preds, result.videoClips())) {
                written.put("submission", official);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions of " + task.key() + " to " + dir + ": " + e.getMessage(), e);
        }
    }
}
