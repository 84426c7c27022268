package org.vladapter.shapes;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.vladapter.train.ProgressBar;
import org.vladapter.vision.features.Hdf5FeatureWriter;
import org.vladapter.vision.features.NpzWriter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ShapesData} in the VL-Adapter release layout (see {@code datasets/README.md}): the annotation
 * files of the eight tasks with the fields real files carry, the official VQA annotation and question files, the
 * subtitle files, per-image {@code .h5} grid features and per-clip {@code .npz} frame features from an
 * {@link ImageEncoder}.
 */
final class ReleaseWriter {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final int BATCH = 64;

    private final Path root;
    private final String featureType;
    private final ImageEncoder encoder;
    private final ProgressBar.Style style;
    private final PrintStream out;

    ReleaseWriter(Path root, String featureType, ImageEncoder encoder, ProgressBar.Style style, PrintStream out) {
        this.root = root;
        this.featureType = featureType;
        this.encoder = encoder;
        this.style = style;
        this.out = out;
    }

    void write(ShapesData d) throws IOException {
        annotations(d);
        List<ShapesData.Image> images = new ArrayList<>(d.coco);
        images.addAll(d.gqaImages);
        List<Scene> nlvrScenes = new ArrayList<>();
        for (List<NlvrStatement> list : d.nlvr.values()) {
            for (NlvrStatement s : list) {
                nlvrScenes.add(s.left());
                nlvrScenes.add(s.right());
            }
        }
        long steps = (images.size() + BATCH - 1) / BATCH + (nlvrScenes.size() + BATCH - 1) / BATCH + d.clips.size();
        ProgressBar bar = new ProgressBar("shapes: features", steps, style, out, 5.0);
        for (int i = 0; i < images.size(); i += BATCH) {
            List<ShapesData.Image> batch = images.subList(i, Math.min(images.size(), i + BATCH));
            List<float[][]> grids = encoder.encode(batch.stream().map(im -> SceneRenderer.render(im.scene())).toList());
            for (int k = 0; k < batch.size(); k++) {
                writeImage(batch.get(k).folder(), batch.get(k).scene().id(), grids.get(k));
            }
            bar.step(batch.size(), Float.NaN);
        }
        for (int i = 0; i < nlvrScenes.size(); i += BATCH) {
            List<Scene> batch = nlvrScenes.subList(i, Math.min(nlvrScenes.size(), i + BATCH));
            List<float[][]> grids = encoder.encode(batch.stream().map(SceneRenderer::render).toList());
            for (int k = 0; k < batch.size(); k++) {
                writeImage("nlvr", batch.get(k).id(), grids.get(k));
            }
            bar.step(batch.size(), Float.NaN);
        }
        for (ShapesData.Clip clip : d.clips) {
            List<BufferedImage> frameImages = new ArrayList<>();
            for (int f = 0; f < clip.video().frames(); f++) {
                frameImages.add(clip.video().render(f));
            }
            List<float[][]> grids = encoder.encode(frameImages);
            float[][] pooled = new float[grids.size()][];
            for (int f = 0; f < grids.size(); f++) {
                pooled[f] = ImageEncoder.pool(grids.get(f));
            }
            Path dir = root.resolve("video/vis_features").resolve(clip.source()).resolve("clip-vit");
            Files.createDirectories(dir);
            NpzWriter.write(dir.resolve(clip.video().id() + ".npz"), "features", pooled, true);
            bar.step(frameImages.size(), Float.NaN);
        }
        bar.finish();
    }

    private void writeImage(String folder, String id, float[][] grid) {
        Path dir = root.resolve(folder).resolve("clip_features").resolve("data_clip_" + featureType + "_att");
        Hdf5FeatureWriter.writeImage(dir.resolve(id + ".h5"), id, grid, Hdf5FeatureWriter.Precision.FLOAT16);
    }

    private void annotations(ShapesData d) throws IOException {
        // COCO Karpathy split file
        JsonArray images = new JsonArray();
        int sentId = 0;
        int imgId = 0;
        for (ShapesData.Image im : d.coco) {
            JsonObject o = new JsonObject();
            String id = im.scene().id();
            o.addProperty("filepath", id.contains("train2014") ? "train2014" : "val2014");
            JsonArray sentIds = new JsonArray();
            JsonArray sentences = new JsonArray();
            for (String c : d.captions.get(id)) {
                JsonObject s = new JsonObject();
                JsonArray tokens = new JsonArray();
                for (String t : c.toLowerCase(java.util.Locale.ROOT).replace(".", " ").replace(",", " ").trim().split("\\s+")) {
                    tokens.add(t);
                }
                s.add("tokens", tokens);
                s.addProperty("raw", c);
                s.addProperty("imgid", imgId);
                s.addProperty("sentid", sentId);
                sentIds.add(sentId++);
                sentences.add(s);
            }
            o.add("sentids", sentIds);
            o.addProperty("filename", id + ".jpg");
            o.addProperty("imgid", imgId++);
            o.addProperty("split", im.split());
            o.add("sentences", sentences);
            o.addProperty("cocoid", im.number());
            images.add(o);
        }
        JsonObject karpathy = new JsonObject();
        karpathy.add("images", images);
        karpathy.addProperty("dataset", "coco");
        json("COCO/dataset_coco.json", karpathy);

        // VQA Karpathy files and official annotations / questions
        JsonArray trainAnn = new JsonArray();
        JsonArray valAnn = new JsonArray();
        JsonArray trainQ = new JsonArray();
        JsonArray valQ = new JsonArray();
        for (Map.Entry<String, List<VqaQuestion>> e : d.vqa.entrySet()) {
            JsonArray list = new JsonArray();
            for (VqaQuestion q : e.getValue()) {
                JsonObject o = new JsonObject();
                o.addProperty("answer_type", q.answerType());
                o.addProperty("img_id", q.imageId());
                JsonObject label = new JsonObject();
                q.label().forEach(label::addProperty);
                o.add("label", label);
                o.addProperty("question_id", q.questionId());
                o.addProperty("question_type", q.questionType());
                o.addProperty("sent", q.question());
                list.add(o);
                boolean train = q.imageId().contains("train2014");
                (train ? trainAnn : valAnn).add(official(q));
                JsonObject qo = new JsonObject();
                qo.addProperty("image_id", imageNumber(q.imageId()));
                qo.addProperty("question", q.question());
                qo.addProperty("question_id", q.questionId());
                (train ? trainQ : valQ).add(qo);
            }
            json("vqa/" + e.getKey() + ".json", list);
        }
        officialFiles("train2014", trainAnn, trainQ);
        officialFiles("val2014", valAnn, valQ);

        // GQA
        for (Map.Entry<String, List<GqaQuestion>> e : d.gqa.entrySet()) {
            JsonArray list = new JsonArray();
            for (GqaQuestion q : e.getValue()) {
                JsonObject o = new JsonObject();
                o.addProperty("img_id", q.imageId());
                JsonObject label = new JsonObject();
                label.addProperty(q.answer(), 1.0);
                o.add("label", label);
                o.addProperty("question_id", q.questionId());
                o.addProperty("sent", q.question());
                list.add(o);
            }
            json("GQA/" + e.getKey() + ".json", list);
        }

        // NLVR2
        for (Map.Entry<String, List<NlvrStatement>> e : d.nlvr.entrySet()) {
            JsonArray list = new JsonArray();
            for (NlvrStatement s : e.getValue()) {
                JsonObject o = new JsonObject();
                o.addProperty("identifier", s.identifier());
                o.addProperty("img0", s.left().id());
                o.addProperty("img1", s.right().id());
                o.addProperty("label", s.label() ? 1 : 0);
                o.addProperty("sent", s.sentence());
                o.addProperty("uid", s.uid());
                list.add(o);
            }
            json("nlvr/" + e.getKey() + ".json", list);
        }

        // video: subtitles per source, then the four tasks
        for (String source : new String[] {"tv", "how2", "yc2"}) {
            List<String> lines = new ArrayList<>();
            for (ShapesData.Clip c : d.clips) {
                if (!c.source().equals(source)) {
                    continue;
                }
                JsonObject o = new JsonObject();
                o.addProperty("vid_name", c.video().id());
                JsonArray subs = new JsonArray();
                for (SubtitleLine l : c.subtitles()) {
                    JsonObject s = new JsonObject();
                    s.addProperty("text", l.text());
                    s.addProperty("start", l.start());
                    s.addProperty("end", l.end());
                    subs.add(s);
                }
                o.add("sub", subs);
                lines.add(GSON.toJson(o));
            }
            jsonl("video/ann/" + source + "_subtitles.jsonl", lines);
        }
        for (Map.Entry<String, List<VideoQuestion>> e : d.tvqa.entrySet()) {
            jsonl("video/ann/tvqa/tvqa_" + e.getKey() + ".jsonl", videoQa(e.getValue(), 5, "Shapes World"));
        }
        for (Map.Entry<String, List<VideoQuestion>> e : d.how2qa.entrySet()) {
            jsonl("video/ann/how2qa/how2qa_" + e.getKey() + ".jsonl", videoQa(e.getValue(), 4, null));
        }
        for (Map.Entry<String, List<ShapesData.Moment>> e : d.tvc.entrySet()) {
            jsonl("video/ann/tvc/tvc_" + e.getKey() + ".jsonl", moments(e.getValue(), true));
        }
        for (Map.Entry<String, List<ShapesData.Moment>> e : d.yc2c.entrySet()) {
            jsonl("video/ann/yc2c/yc2c_" + e.getKey() + ".jsonl", moments(e.getValue(), false));
        }
    }

    private static JsonObject official(VqaQuestion q) {
        JsonObject o = new JsonObject();
        o.addProperty("question_type", q.questionType());
        o.addProperty("multiple_choice_answer", q.majorityAnswer());
        JsonArray answers = new JsonArray();
        for (int i = 0; i < q.answers().size(); i++) {
            JsonObject a = new JsonObject();
            a.addProperty("answer", q.answers().get(i));
            a.addProperty("answer_confidence", q.answers().get(i).equals(q.majorityAnswer()) ? "yes" : "maybe");
            a.addProperty("answer_id", i + 1);
            answers.add(a);
        }
        o.add("answers", answers);
        o.addProperty("image_id", imageNumber(q.imageId()));
        o.addProperty("answer_type", q.answerType());
        o.addProperty("question_id", q.questionId());
        return o;
    }

    private void officialFiles(String subtype, JsonArray annotations, JsonArray questions) throws IOException {
        JsonObject info = new JsonObject();
        info.addProperty("description", "ShapesWorld VQA-like annotations in the VQA v2 format");
        info.addProperty("version", Integer.toString(ShapesWorld.GENERATOR_VERSION));
        JsonObject ann = new JsonObject();
        ann.add("info", info);
        ann.addProperty("data_subtype", subtype);
        ann.add("annotations", annotations);
        ann.addProperty("license", "generated");
        json("vqa/v2_mscoco_" + subtype + "_annotations.json", ann);
        JsonObject qs = new JsonObject();
        qs.add("info", info);
        qs.addProperty("task_type", "Open-Ended");
        qs.addProperty("data_type", "mscoco");
        qs.addProperty("data_subtype", subtype);
        qs.add("questions", questions);
        json("vqa/v2_OpenEnded_mscoco_" + subtype + "_questions.json", qs);
    }

    private static long imageNumber(String cocoId) {
        return Long.parseLong(cocoId.substring(cocoId.lastIndexOf('_') + 1));
    }

    private static List<String> videoQa(List<VideoQuestion> questions, int choices, String show) {
        List<String> lines = new ArrayList<>();
        for (VideoQuestion q : questions) {
            JsonObject o = new JsonObject();
            for (int i = 0; i < choices; i++) {
                o.addProperty("a" + i, q.choices().get(i));
            }
            o.addProperty("answer_idx", q.answerIndex());
            o.addProperty("q", q.question());
            o.addProperty("qid", q.qid());
            o.addProperty("ts", q.ts());
            o.addProperty("vid_name", q.videoId());
            if (show != null) {
                o.addProperty("show_name", show);
            }
            lines.add(GSON.toJson(o));
        }
        return lines;
    }

    private static List<String> moments(List<ShapesData.Moment> moments, boolean withTs) {
        List<String> lines = new ArrayList<>();
        for (ShapesData.Moment m : moments) {
            JsonObject o = new JsonObject();
            o.addProperty("vid_name", m.videoId());
            o.addProperty("duration", (double) VideoSampler.FRAMES);
            if (withTs) {
                JsonArray ts = new JsonArray();
                ts.add(m.start());
                ts.add(m.end());
                o.add("ts", ts);
            }
            o.addProperty("clip_id", m.clipId());
            JsonArray descs = new JsonArray();
            for (int i = 0; i < m.descriptions().size(); i++) {
                JsonObject desc = new JsonObject();
                desc.addProperty("desc", m.descriptions().get(i));
                desc.addProperty("type", withTs ? "v" : "yc2c");
                desc.addProperty("desc_id", m.descIds().get(i));
                descs.add(desc);
            }
            o.add("descs", descs);
            lines.add(GSON.toJson(o));
        }
        return lines;
    }

    private void json(String relative, JsonElement value) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, GSON.toJson(value), StandardCharsets.UTF_8);
    }

    private void jsonl(String relative, List<String> lines) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
