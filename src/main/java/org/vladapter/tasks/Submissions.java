package org.vladapter.tasks;

import org.vladapter.metrics.SubmissionWriter;
import org.vladapter.metrics.ValueCaptionPrediction;
import org.vladapter.metrics.VideoQaAccuracy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official submission formats as {@link SubmissionFormat}s, shared by the tasks that use them: VQA
 * {@code [{question_id, answer}]}, GQA {@code [{questionId, prediction}]}, NLVR2 csv, TVQA/How2QA
 * {@code {qid: int}}, TVC/YC2C VALUE JSON lines {@code {vid_name, clip_id, ts, descs: [{desc}]}}, one per clip.
 */
public final class Submissions {

    private Submissions() {}

    /** VQA {@code [{question_id, answer}]}; not written when an id is not a numeric question id. */
    public static final SubmissionFormat VQA = format(".json", (file, preds, clips) -> {
        Map<Long, String> byQuestion = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : preds.entrySet()) {
            try {
                byQuestion.put(Long.parseLong(e.getKey()), e.getValue());
            } catch (NumberFormatException notNumeric) {
                return false;
            }
        }
        SubmissionWriter.writeVqa(file, byQuestion);
        return true;
    });

    /** GQA {@code [{questionId, prediction}]}. */
    public static final SubmissionFormat GQA = format(".json", (file, preds, clips) -> {
        SubmissionWriter.writeGqa(file, preds);
        return true;
    });

    /** NLVR2 csv of identifier and true/false. */
    public static final SubmissionFormat NLVR2 = format(".csv", (file, preds, clips) -> {
        Map<String, Boolean> labels = new LinkedHashMap<>();
        preds.forEach((id, p) -> labels.put(id, "true".equals(p)));
        SubmissionWriter.writeNlvr2(file, labels);
        return true;
    });

    /** TVQA, How2QA {@code {qid: answer index}}. */
    public static final SubmissionFormat VIDEO_QA = format(".json", (file, preds, clips) -> {
        Map<String, Integer> idx = new LinkedHashMap<>();
        preds.forEach((id, p) -> idx.put(id, VideoQaAccuracy.submissionIndex(p)));
        SubmissionWriter.writeVideoQa(file, idx);
        return true;
    });

    /**
     * TVC, YC2C: one VALUE line per clip, in the order of first appearance (on a labelled split a clip has one
     * item per reference description, all with the same input, so the clip's description is its first item's
     * prediction); integer clip ids are written as JSON numbers, others (some YC2C releases) as strings; not
     * written when a prediction has no clip.
     */
    public static final SubmissionFormat VALUE_CAPTIONS = format(".jsonl", (file, preds, clips) -> {
        Map<String, ValueCaptionPrediction> byClip = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : preds.entrySet()) {
            VideoClip clip = clips.get(e.getKey());
            if (clip == null) {
                return false;
            }
            byClip.putIfAbsent(clip.videoName() + "\u0000" + clip.clipId(),
                    new ValueCaptionPrediction(clip.videoName(), clip.clipId(), clip.timestamps(), e.getValue()));
        }
        List<ValueCaptionPrediction> lines = new ArrayList<>(byClip.values());
        SubmissionWriter.writeValueCaptions(file, lines);
        return true;
    });

    private interface Writer {
        boolean write(Path file, Map<String, String> predictions, Map<String, VideoClip> clips) throws IOException;
    }

    private static SubmissionFormat format(String extension, Writer writer) {
        return new SubmissionFormat() {
            @Override
            public String extension() {
                return extension;
            }

            @Override
            public boolean write(Path file, Map<String, String> predictions, Map<String, VideoClip> clips) throws IOException {
                return writer.write(file, predictions, clips);
            }
        };
    }
}
