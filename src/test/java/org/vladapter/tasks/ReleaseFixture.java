package org.vladapter.tasks;

import org.vladapter.vision.features.Hdf5FeatureWriter;
import org.vladapter.vision.features.NpyWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a miniature of the VL-Adapter data release, in the original file formats, under {@code
 * <dir>/datasets}: annotations for all eight tasks and their CLIP features (per-image float16 .h5 of
 * shape (49, 2048), per-video .npz of shape (L, 512)).
 */
public final class ReleaseFixture {

    static final String COCO_TRAIN_IMG = "COCO_train2014_000000000009";
    static final String COCO_VAL_IMG = "COCO_val2014_000000000042";
    static final String COCO_RESTVAL_IMG = "COCO_val2014_000000000073";

    private final Path root;

    private ReleaseFixture(Path root) {
        this.root = root;
    }

    public static ReleaseFixture create(Path dir) {
        ReleaseFixture f = new ReleaseFixture(dir.resolve("datasets"));
        f.writeAll();
        return f;
    }

    public Path root() {
        return root;
    }

    /** Deterministic per-image features: value depends on token, channel and image seed. */
    static float[][] imageFeatures(int seed) {
        return NpyWriter.matrix(49, 2048, seed);
    }

    private void writeAll() {
        image("COCO", COCO_TRAIN_IMG, 1);
        image("COCO", COCO_VAL_IMG, 2);
        image("COCO", COCO_RESTVAL_IMG, 3);
        image("VG", "2375429", 4);
        image("VG", "2375430", 5);
        image("GQA", "n161313", 6);
        image("nlvr", "train-10171-0-img0", 7);
        image("nlvr", "train-10171-0-img1", 8);
        image("nlvr", "dev-850-0-img0", 9);
        image("nlvr", "dev-850-0-img1", 10);

        write("vqa/karpathy_train.json", """
                [
                  {"answer_type": "other", "img_id": "COCO_train2014_000000000009", "label": {"net": 1, "mesh": 0.3},
                   "question_id": 458752000, "question_type": "what is this", "sent": "What is this photo taken looking through?"},
                  {"answer_type": "yes/no", "img_id": "COCO_val2014_000000000042", "label": {"yes": 0.9, "no": 0.3},
                   "question_id": 42001, "question_type": "is the", "sent": "Is the sky blue?"},
                  {"answer_type": "number", "img_id": "COCO_train2014_000000000009", "label": {},
                   "question_id": 458752001, "question_type": "how many", "sent": "How many nets are there in this very long question that goes on and on past twenty tokens for sure?"}
                ]
                """);
        write("vqa/karpathy_val.json", """
                [{"answer_type": "other", "img_id": "COCO_val2014_000000000042", "label": {"blue": 1},
                  "question_id": 42002, "question_type": "what color", "sent": "What color is the sky?"}]
                """);
        write("GQA/train.json", """
                [{"img_id": "2375429", "label": {"pipe": 1.0}, "question_id": "07333408", "sent": "What is on the white wall?"}]
                """);
        write("GQA/valid.json", """
                [{"img_id": "2375430", "label": {"table": 1.0}, "question_id": "05451384", "sent": "What is the piece of furniture that is made of wood?"}]
                """);
        write("GQA/testdev.json", """
                [{"img_id": "n161313", "label": {"no": 1.0}, "question_id": "201307251", "sent": "Is it overcast?"}]
                """);
        write("nlvr/train.json", """
                [{"identifier": "train-10171-0-0", "img0": "train-10171-0-img0", "img1": "train-10171-0-img1", "label": 0,
                  "sent": "An image shows one leather pencil case, displayed open with writing implements tucked inside.", "uid": "nlvr2_train_0"},
                 {"identifier": "train-10171-0-1", "img0": "train-10171-0-img1", "img1": "train-10171-0-img0", "label": 1,
                  "sent": "There are two pencil cases.", "uid": "nlvr2_train_1"}]
                """);
        write("nlvr/valid.json", """
                [{"identifier": "dev-850-0-0", "img0": "dev-850-0-img0", "img1": "dev-850-0-img1", "label": 1,
                  "sent": "The left image contains twice the number of dogs as the right image.", "uid": "nlvr2_dev_0"}]
                """);
        write("COCO/dataset_coco.json", """
                {"images": [
                  {"filepath": "train2014", "sentids": [0, 1], "filename": "COCO_train2014_000000000009.jpg", "imgid": 0,
                   "split": "train", "sentences": [
                     {"tokens": ["a", "bowl"], "raw": "A bowl of food. ", "imgid": 0, "sentid": 0},
                     {"tokens": ["plates"], "raw": " Plates with broccoli on a table.", "imgid": 0, "sentid": 1}],
                   "cocoid": 9},
                  {"filepath": "val2014", "sentids": [2], "filename": "COCO_val2014_000000000073.jpg", "imgid": 1,
                   "split": "restval", "sentences": [{"tokens": ["a", "motorcycle"], "raw": "A motorcycle parked.", "imgid": 1, "sentid": 2}],
                   "cocoid": 73},
                  {"filepath": "val2014", "sentids": [3, 4], "filename": "COCO_val2014_000000000042.jpg", "imgid": 2,
                   "split": "val", "sentences": [
                     {"tokens": ["a", "man"], "raw": "A man riding a wave.", "imgid": 2, "sentid": 3},
                     {"tokens": ["surfer"], "raw": "Surfer on a board\\n", "imgid": 2, "sentid": 4}],
                   "cocoid": 42}
                ], "dataset": "coco"}
                """);

        write("video/ann/tv_subtitles.jsonl", """
                {"vid_name": "met_s06e22_seg01_clip_02", "sub": [{"text": " Hey, Ted. ", "start": 0.0, "end": 1.5}, {"text": "Robin!", "start": 2.0, "end": 3.1}]}
                {"vid_name": "friends_s01e01_seg02_clip_00", "sub": []}
                """);
        write("video/ann/how2_subtitles.jsonl", """
                {"vid_name": "how2_vid_0", "sub": [{"text": "first you chop the onion", "start": 0.5, "end": 4.0}]}
                """);
        write("video/ann/yc2_subtitles.jsonl", """
                {"vid_name": "yc2_vid_0", "sub": [{"text": "add salt", "start": 1, "end": 2}, {"text": "stir", "start": 3, "end": 4}]}
                """);
        write("video/ann/tvqa/tvqa_train.jsonl", """
                {"a0": "A martini glass", "a1": "Nachos.", "a2": "Her purse. ", "a3": "Marshall's book", "a4": "...A beer bottle", "answer_idx": 4, "q": " What is Robin holding in her hand when she is talking to Ted about Zoey? ", "qid": 7, "ts": "1.21-8.49", "vid_name": "met_s06e22_seg01_clip_02", "show_name": "How I Met You Mother"}
                {"a0": "yes", "a1": "no", "a2": "maybe", "a3": "later", "a4": "never", "answer_idx": 1, "q": "Is Ross there?", "qid": 8, "ts": [16.82, 19.0], "vid_name": "friends_s01e01_seg02_clip_00", "show_name": "Friends"}
                """);
        write("video/ann/tvqa/tvqa_test_public.jsonl", """
                {"a0": "A", "a1": "B", "a2": "C", "a3": "D", "a4": "E", "q": "Who?", "qid": 9, "ts": "0.00-2.00", "vid_name": "met_s06e22_seg01_clip_02", "show_name": "How I Met You Mother"}
                """);
        write("video/ann/how2qa/how2qa_train_release.jsonl", """
                {"a0": "an onion", "a1": "a carrot", "a2": "garlic", "a3": "a potato", "answer_idx": 0, "q": "What is chopped first?", "qid": "how2qa_0", "ts": "0.5-4.0", "vid_name": "how2_vid_0"}
                """);
        write("video/ann/tvc/tvc_train_release.jsonl", """
                {"vid_name": "met_s06e22_seg01_clip_02", "duration": 61.03, "ts": [16.82, 19.42], "clip_id": 86603, "descs": [{"desc": "Robin holds a glass.", "type": "v", "desc_id": 108305}, {"desc": "Ted talks to Robin.", "type": "t", "desc_id": 108306}]}
                """);
        write("video/ann/tvc/tvc_test_release.jsonl", """
                {"vid_name": "friends_s01e01_seg02_clip_00", "duration": 30.0, "ts": [1e-05, 20.0], "clip_id": 90001}
                """);
        write("video/ann/yc2c/yc2c_train_release.jsonl", """
                {"vid_name": "yc2_vid_0", "duration": 12.5, "clip_id": "yc2_clip_0", "descs": [{"desc": "add salt and stir", "type": "yc2c", "desc_id": "yc2c_0"}]}
                """);
        video("tv", "met_s06e22_seg01_clip_02", 70, 11);
        video("tv", "friends_s01e01_seg02_clip_00", 10, 12);
        video("how2", "how2_vid_0", 64, 13);
        video("yc2", "yc2_vid_0", 5, 14);
    }

    /** Writes one image feature file (shape 49 x 2048, deterministic values) into a folder of the layout. */
    public void image(String folder, String id, int seed) {
        Path dir = root.resolve(folder).resolve("clip_features/data_clip_RN101_att");
        Hdf5FeatureWriter.writeImage(dir.resolve(id + ".h5"), id, imageFeatures(seed), Hdf5FeatureWriter.Precision.FLOAT16);
    }

    static float[][] videoFeatures(int frames, int seed) {
        return NpyWriter.matrix(frames, 512, seed);
    }

    private void video(String source, String id, int frames, int seed) {
        Path dir = root.resolve("video/vis_features").resolve(source).resolve("clip-vit");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NpyWriter.npz(dir.resolve(id + ".npz"), videoFeatures(frames, seed), "<f4");
    }

    void write(String relative, String text) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
