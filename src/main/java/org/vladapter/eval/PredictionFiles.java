package org.vladapter.eval;

import com.google.gson.GsonBuilder;
import org.vladapter.io.AtomicFiles;
import org.vladapter.metrics.SubmissionWriter;
import org.vladapter.metrics.VideoQaAccuracy;
import org.vladapter.metrics.ValueCaptionPrediction;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.VideoClip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a task's predictions: always as {@code <task>_predictions.json} ({@code {id: text}}, the input
 * of {@code vladapter evaluate}), and in the official submission format where the ids allow it (VQA
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
            Path official = dir.resolve(task.key() + "_submission"
                    + (task == Task.NLVR2 ? ".csv" : task == Task.TVC || task == Task.YC2C ? ".jsonl" : ".json"));
            switch (task) {
                case VQA: {
                    Map<Long, String> byQuestion = new LinkedHashMap<>();
                    for (Map.Entry<String, String> e : preds.entrySet()) {
                        try {
                            byQuestion.put(Long.parseLong(e.getKey()), e.getValue());
                        } catch (NumberFormatException notNumeric) {
                            return written; // ids are not VQA question ids: no official file
                        }
                    }
                    SubmissionWriter.writeVqa(official, byQuestion);
                    break;
                }
                case GQA:
                    SubmissionWriter.writeGqa(official, preds);
                    break;
                case NLVR2: {
                    Map<String, Boolean> labels = new LinkedHashMap<>();
                    preds.forEach((id, p) -> labels.put(id, "true".equals(p)));
                    SubmissionWriter.writeNlvr2(official, labels);
                    break;
                }
                case TVQA:
                case HOW2QA: {
                    Map<String, Integer> idx = new LinkedHashMap<>();
                    preds.forEach((id, p) -> idx.put(id, VideoQaAccuracy.submissionIndex(p)));
                    SubmissionWriter.writeVideoQa(official, idx);
                    break;
                }
                case TVC:
                case YC2C: {
                    List<ValueCaptionPrediction> clips = valueCaptions(result);
                    if (clips == null) {
                        return written; // the evaluated split did not say which clips: no official file
                    }
                    SubmissionWriter.writeValueCaptions(official, clips);
                    break;
                }
                default:
                    return written;
            }
            written.put("submission", official);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions of " + task.key() + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * One VALUE line per clip, in the order of first appearance: on a labelled split a clip has one item per
     * reference description, all with the same input, so the clip's description is its first item's prediction.
     *
     * @return the clips, or {@code null} when a prediction has no clip or a clip id is not an integer
     */
    private static List<ValueCaptionPrediction> valueCaptions(TaskEvaluation.Result result) {
        Map<String, ValueCaptionPrediction> byClip = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : result.predictions().entrySet()) {
            VideoClip clip = result.videoClips().get(e.getKey());
            if (clip == null) {
                return null;
            }
            long clipId;
            try {
                clipId = Long.parseLong(clip.clipId());
            } catch (NumberFormatException notNumeric) {
                return null;
            }
            byClip.putIfAbsent(clip.videoName() + "\u0000" + clip.clipId(),
                    new ValueCaptionPrediction(clip.videoName(), clipId, clip.timestamps(), e.getValue()));
        }
        return new ArrayList<>(byClip.values());
    }

}
