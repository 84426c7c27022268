package org.vladapter.metrics;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prediction files in the official submission formats (docs/behaviour.md#methods item 34), each written atomically (temporary
 * file in the same directory, then rename). Maps are written in their iteration order.
 *
 * <ul>
 *   <li>VQA (EvalAI / VQA server): JSON list {@code [{"answer": str, "question_id": int}, ...]}.</li>
 *   <li>GQA: JSON list {@code [{"prediction": str, "questionId": str}, ...]}.</li>
 *   <li>NLVR2: CSV lines {@code identifier,True} / {@code identifier,False}, no header.</li>
 *   <li>TVQA / How2QA (VALUE): JSON object {@code {"qid": answer_index, ...}}.</li>
 *   <li>TVC / YC2C (VALUE): JSON lines {@code {"vid_name", "clip_id", "ts" (TVC only), "descs": [{"desc"}]}}.</li>
 * </ul>
 */
public final class SubmissionWriter {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    private SubmissionWriter() {}

    /**
     * @param path output file
     * @param answers question id to answer
     * @throws IOException when the file cannot be written
     */
    public static void writeVqa(Path path, Map<Long, String> answers) throws IOException {
        JsonArray list = new JsonArray();
        answers.forEach((id, answer) -> {
            JsonObject o = new JsonObject();
            o.addProperty("answer", answer);
            o.addProperty("question_id", id);
            list.add(o);
        });
        writeText(path, w -> PRETTY.toJson(list, w));
    }

    /**
     * @param path output file
     * @param predictions question id (GQA ids are strings such as {@code "20968379"}) to predicted answer
     * @throws IOException when the file cannot be written
     */
    public static void writeGqa(Path path, Map<String, String> predictions) throws IOException {
        JsonArray list = new JsonArray();
        predictions.forEach((id, answer) -> {
            JsonObject o = new JsonObject();
            o.addProperty("prediction", answer);
            o.addProperty("questionId", id);
            list.add(o);
        });
        writeText(path, w -> PRETTY.toJson(list, w));
    }

    /**
     * @param path output file
     * @param predictions NLVR2 identifier to predicted label
     * @throws IOException when the file cannot be written
     */
    public static void writeNlvr2(Path path, Map<String, Boolean> predictions) throws IOException {
        writeText(path, w -> {
            for (Map.Entry<String, Boolean> e : predictions.entrySet()) {
                w.write(e.getKey() + "," + (e.getValue() ? "True" : "False") + "\n");
            }
        });
    }

    /**
     * @param path output file
     * @param answerIndices question id to answer index (see {@link VideoQaAccuracy#submissionIndex(String)})
     * @throws IOException when the file cannot be written
     */
    public static void writeVideoQa(Path path, Map<String, Integer> answerIndices) throws IOException {
        JsonObject o = new JsonObject();
        answerIndices.forEach(o::addProperty);
        writeText(path, w -> COMPACT.toJson(o, w));
    }

    /**
     * @param path output file
     * @param predictions one entry per clip, written one JSON object per line
     * @throws IOException when the file cannot be written
     */
    public static void writeValueCaptions(Path path, Iterable<ValueCaptionPrediction> predictions)
            throws IOException {
        writeText(path, w -> {
            for (ValueCaptionPrediction p : predictions) {
                JsonObject o = new JsonObject();
                o.addProperty("vid_name", p.videoName());
                if (p.integerClipId()) {
                    o.addProperty("clip_id", Long.parseLong(p.clipId()));
                } else {
                    o.addProperty("clip_id", p.clipId());
                }
                if (p.timestamps() != null) {
                    JsonArray ts = new JsonArray();
                    p.timestamps().forEach(ts::add);
                    o.add("ts", ts);
                }
                JsonArray descs = new JsonArray();
                JsonObject d = new JsonObject();
                d.addProperty("desc", p.description());
                descs.add(d);
                o.add("descs", descs);
                w.write(COMPACT.toJson(o));
                w.write('\n');
            }
        });
    }

    /** Writes UTF-8 text atomically through the project's {@link org.vladapter.io.AtomicFiles}. */
    private static void writeText(Path path, TextContent content) throws IOException {
        org.vladapter.io.AtomicFiles.write(path, out -> {
            java.io.Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            content.writeTo(w);
            w.flush();
        });
    }

    /** Writes text to a writer. */
    @FunctionalInterface
    private interface TextContent {
        void writeTo(java.io.Writer writer) throws IOException;
    }
}
