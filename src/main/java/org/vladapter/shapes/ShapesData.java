package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everything ShapesWorld holds before it is written: the scenes and clips and the eight tasks' annotations,
 * derived from a {@link ShapesConfig} alone (no features, no files). {@link ReleaseWriter} writes it in the
 * release layout.
 */
public final class ShapesData {

    /** A still image of one of the image folders, with its Karpathy-style split. */
    public record Image(Scene scene, String folder, String split, long number) {}

    /** A clip with its source ({@code tv}, {@code how2}, {@code yc2}), split and narration. */
    public record Clip(Video video, String source, String split, List<SubtitleLine> subtitles) {}

    /** A TVC-like moment or YC2C-like clip caption. */
    public record Moment(String videoId, double start, double end, String clipId, List<String> descriptions, List<String> descIds) {}

    final ShapesConfig config;
    final List<Image> coco = new ArrayList<>();
    final Map<String, List<String>> captions = new LinkedHashMap<>();
    final Map<String, List<VqaQuestion>> vqa = new LinkedHashMap<>();
    final List<Image> gqaImages = new ArrayList<>();
    final Map<String, List<GqaQuestion>> gqa = new LinkedHashMap<>();
    final Map<String, List<NlvrStatement>> nlvr = new LinkedHashMap<>();
    final List<Clip> clips = new ArrayList<>();
    final Map<String, List<VideoQuestion>> tvqa = new LinkedHashMap<>();
    final Map<String, List<VideoQuestion>> how2qa = new LinkedHashMap<>();
    final Map<String, List<Moment>> tvc = new LinkedHashMap<>();
    final Map<String, List<Moment>> yc2c = new LinkedHashMap<>();

    private ShapesData(ShapesConfig config) {
        this.config = config;
    }

    /**
     * @param config seed and scale
     * @return the generated world
     */
    public static ShapesData generate(ShapesConfig config) {
        ShapesData d = new ShapesData(config);
        d.images();
        d.generateGqa();
        d.generateNlvr();
        d.videos();
        return d;
    }

    /** @return the configuration it was generated from */
    public ShapesConfig config() {
        return config;
    }

    /** @return the COCO-like images (VQA and captions) */
    public List<Image> cocoImages() {
        return coco;
    }

    /** @return the GQA-like images (VG and GQA folders) */
    public List<Image> gqaImages() {
        return gqaImages;
    }

    /** @return captions by COCO image id */
    public Map<String, List<String>> captions() {
        return captions;
    }

    /** @return VQA questions by Karpathy split ({@code karpathy_train}, ...) */
    public Map<String, List<VqaQuestion>> vqa() {
        return vqa;
    }

    /** @return GQA questions by split ({@code train}, {@code valid}, {@code testdev}) */
    public Map<String, List<GqaQuestion>> gqa() {
        return gqa;
    }

    /** @return NLVR2 statements by split ({@code train}, {@code valid}, {@code test}) */
    public Map<String, List<NlvrStatement>> nlvr() {
        return nlvr;
    }

    /** @return every clip */
    public List<Clip> clips() {
        return clips;
    }

    /** @return TVQA questions by split file name ({@code train}, {@code val}, {@code test_public}, {@code test_release}) */
    public Map<String, List<VideoQuestion>> tvqa() {
        return tvqa;
    }

    /** @return How2QA questions by split ({@code train_release}, ...) */
    public Map<String, List<VideoQuestion>> how2qa() {
        return how2qa;
    }

    /** @return TVC moments by split */
    public Map<String, List<Moment>> tvc() {
        return tvc;
    }

    /** @return YC2C clip captions by split */
    public Map<String, List<Moment>> yc2c() {
        return yc2c;
    }

    /**
     * The text of the world: captions, questions with their answers, statements, narration, video questions with
     * their choices and moment descriptions.
     *
     * @param trainOnly only the training splits (the text backbones are pretrained on these)
     * @return one string per sentence, in generation order
     */
    public List<String> corpus(boolean trainOnly) {
        List<String> out = new ArrayList<>();
        for (Image im : coco) {
            if (!trainOnly || im.split().equals("train")) {
                out.addAll(captions.get(im.scene().id()));
            }
        }
        vqa.forEach((split, qs) -> {
            if (!trainOnly || split.equals("karpathy_train")) {
                for (VqaQuestion q : qs) {
                    out.add(q.question() + " " + q.majorityAnswer());
                    out.addAll(q.answers());
                }
            }
        });
        gqa.forEach((split, qs) -> {
            if (!trainOnly || split.equals("train")) {
                qs.forEach(q -> out.add(q.question() + " " + q.answer()));
            }
        });
        nlvr.forEach((split, ss) -> {
            if (!trainOnly || split.equals("train")) {
                ss.forEach(st -> out.add(st.sentence()));
            }
        });
        for (Clip c : clips) {
            if (!trainOnly || c.split().equals("train")) {
                c.subtitles().forEach(l -> out.add(l.text()));
            }
        }
        for (Map<String, List<VideoQuestion>> task : List.of(tvqa, how2qa)) {
            task.forEach((split, qs) -> {
                if (!trainOnly || split.startsWith("train")) {
                    for (VideoQuestion q : qs) {
                        out.add(q.question() + " " + q.choices().get(q.answerIndex()));
                        out.addAll(q.choices());
                        out.add(q.ts());
                    }
                }
            });
        }
        for (Map<String, List<Moment>> task : List.of(tvc, yc2c)) {
            task.forEach((split, ms) -> {
                if (!trainOnly || split.startsWith("train")) {
                    ms.forEach(m -> out.addAll(m.descriptions()));
                }
            });
        }
        return out;
    }

    private void images() {
        SceneSampler sampler = new SceneSampler(2, 6);
        String[][] plan = {{"train", "train2014"}, {"val", "val2014"}, {"test", "val2014"}};
        int[] counts = {config.cocoTrain(), config.cocoVal(), config.cocoTest()};
        long number = 1;
        for (int s = 0; s < plan.length; s++) {
            String split = plan[s][0];
            String karpathy = "karpathy_" + split;
            List<VqaQuestion> questions = vqa.computeIfAbsent(karpathy, k -> new ArrayList<>());
            for (int i = 0; i < counts[s]; i++, number++) {
                Random r = Seeds.random(config.seed(), "coco", number);
                String id = String.format("COCO_%s_%012d", plan[s][1], number);
                Scene scene = sampler.sample(id, r);
                coco.add(new Image(scene, "COCO", split, number));
                captions.put(id, Captions.forScene(scene, r));
                questions.addAll(VqaQuestions.forScene(scene, number, VqaQuestions.PER_IMAGE, r));
            }
        }
    }

    private void generateGqa() {
        SceneSampler sampler = new SceneSampler(3, 6);
        String[] splits = {"train", "valid", "testdev"};
        int[] counts = {config.gqaTrain(), config.gqaValid(), config.gqaTestdev()};
        long qid = 1;
        int n = 0;
        for (int s = 0; s < splits.length; s++) {
            List<GqaQuestion> questions = gqa.computeIfAbsent(splits[s], k -> new ArrayList<>());
            for (int i = 0; i < counts[s]; i++, n++) {
                Random r = Seeds.random(config.seed(), "gqa", n);
                boolean testdev = splits[s].equals("testdev");
                String id = testdev ? String.format("n%06d", 100000 + n) : Integer.toString(2300000 + n);
                Scene scene = sampler.sample(id, r);
                gqaImages.add(new Image(scene, testdev ? "GQA" : "VG", splits[s], n));
                List<GqaQuestion> qs = GqaQuestions.forScene(scene, qid, 3, r);
                qid += 3;
                questions.addAll(qs);
            }
        }
    }

    private void generateNlvr() {
        SceneSampler sampler = new SceneSampler(1, 5);
        String[][] plan = {{"train", "train"}, {"valid", "dev"}, {"test", "test1"}};
        int[] counts = {config.nlvrTrain(), config.nlvrEval(), config.nlvrEval()};
        for (int s = 0; s < plan.length; s++) {
            List<NlvrStatement> out = nlvr.computeIfAbsent(plan[s][0], k -> new ArrayList<>());
            for (int set = 0; set < counts[s]; set++) {
                Random r = Seeds.random(config.seed(), "nlvr-" + plan[s][1], set);
                out.addAll(NlvrStatements.forSet(plan[s][1], set, 3, sampler, r, out.size()));
            }
        }
    }

    private void videos() {
        for (String source : new String[] {"tv", "how2", "yc2"}) {
            int total = Math.max(8, config.videos(source));
            int eval = Math.max(2, total / 8);
            if (source.equals("tv")) {
                for (String f : new String[] {"train", "val", "test_public", "test_release"}) {
                    tvqa.put(f, new ArrayList<>());
                }
            }
            for (int i = 0; i < total; i++) {
                String split = i < total - 2 * eval ? "train" : i < total - eval ? "val" : "test";
                Random r = Seeds.random(config.seed(), "video-" + source, i);
                String id = switch (source) {
                    case "tv" -> String.format("shapes_s%02de%02d_seg02_clip_%02d", 1 + i / 400, 1 + (i / 20) % 20, i % 20);
                    case "how2" -> String.format("how2_shapes_%05d", i);
                    default -> String.format("yc2_shapes_%05d", i);
                };
                Video video = VideoSampler.sample(id, r);
                Clip clip = new Clip(video, source, split, Narration.forVideo(video, source, r));
                clips.add(clip);
                switch (source) {
                    case "tv" -> {
                        String file = split.equals("test") ? (i % 2 == 0 ? "test_public" : "test_release") : split;
                        tvqa.computeIfAbsent(file, k -> new ArrayList<>())
                                .addAll(VideoQuestions.forVideo(video, "tvqa_" + i + "_", 2, 5, r));
                        tvc.computeIfAbsent(split + "_release", k -> new ArrayList<>()).addAll(moments(video, i, r));
                    }
                    case "how2" -> {
                        String file = split.equals("test") ? "test_public_release" : split + "_release";
                        how2qa.computeIfAbsent(file, k -> new ArrayList<>())
                                .addAll(VideoQuestions.forVideo(video, "how2qa_" + i + "_", 2, 4, r));
                    }
                    default -> yc2c.computeIfAbsent(split + "_release", k -> new ArrayList<>()).add(steps(video, i));
                }
            }
        }
    }

    private static List<Moment> moments(Video video, int index, Random random) {
        List<Moment> out = new ArrayList<>();
        List<VideoEvent> events = VideoEvent.of(video);
        for (int k = 0; k < events.size() && out.size() < 3; k++) {
            VideoEvent e = events.get(k);
            String clip = Integer.toString(index * 10 + k);
            out.add(new Moment(video.id(), e.start(), e.end(), clip, List.of(e.describe(), e.paraphrase()),
                    List.of(clip + "0", clip + "1")));
        }
        return out;
    }

    private static Moment steps(Video video, int index) {
        List<String> parts = new ArrayList<>();
        for (VideoEvent e : VideoEvent.of(video)) {
            parts.add(e.describe());
        }
        String desc = parts.isEmpty() ? "nothing happens" : String.join(" then ", parts);
        String clip = "yc2c_" + index;
        return new Moment(video.id(), 0, video.frames(), clip, List.of(desc), List.of(clip + "_0"));
    }
}
