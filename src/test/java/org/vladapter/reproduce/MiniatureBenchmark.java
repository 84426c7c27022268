package org.vladapter.reproduce;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.vladapter.backbone.FixtureTensors;
import org.vladapter.tasks.ReleaseFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A miniature benchmark in the release layout for the reproduce job: {@link ReleaseFixture}'s files plus the
 * evaluation splits the job scores on (VQA {@code karpathy_test}, NLVR2 {@code test}, a COCO Karpathy test
 * image, the four video validation splits), and the tiny BART checkpoint with a BART tokenizer.
 */
public final class MiniatureBenchmark {

    public final Path data;
    public final Path backbone;

    private MiniatureBenchmark(Path data, Path backbone) {
        this.data = data;
        this.backbone = backbone;
    }

    public static MiniatureBenchmark create(Path dir) throws IOException {
        Path data = ReleaseFixture.create(dir).root();
        write(data, "vqa/karpathy_test.json", """
                [{"answer_type": "yes/no", "img_id": "COCO_val2014_000000000042", "label": {"yes": 1},
                  "question_id": 42003, "question_type": "is the", "sent": "Is there a man?"},
                 {"answer_type": "number", "img_id": "COCO_train2014_000000000009", "label": {"2": 1, "two": 0.3},
                  "question_id": 42004, "question_type": "how many", "sent": "How many nets?"}]
                """);
        // the tiny checkpoint has 64 positions: the fixture's long NLVR2 sentence with its task prompt is longer
        write(data, "nlvr/train.json", """
                [{"identifier": "train-10171-0-0", "img0": "train-10171-0-img0", "img1": "train-10171-0-img1", "label": 0,
                  "sent": "An image shows one pencil case.", "uid": "nlvr2_train_0"},
                 {"identifier": "train-10171-0-1", "img0": "train-10171-0-img1", "img1": "train-10171-0-img0", "label": 1,
                  "sent": "There are two pencil cases.", "uid": "nlvr2_train_1"}]
                """);
        write(data, "nlvr/test.json", """
                [{"identifier": "dev-850-0-1", "img0": "dev-850-0-img0", "img1": "dev-850-0-img1", "label": 0,
                  "sent": "There are two dogs.", "uid": "nlvr2_test_0"},
                 {"identifier": "dev-850-0-2", "img0": "dev-850-0-img1", "img1": "dev-850-0-img0", "label": 1,
                  "sent": "One image shows a dog.", "uid": "nlvr2_test_1"}]
                """);
        Path coco = data.resolve("COCO/dataset_coco.json");
        JsonObject json = JsonParser.parseString(Files.readString(coco)).getAsJsonObject();
        json.getAsJsonArray("images").add(JsonParser.parseString("""
                {"filepath": "val2014", "sentids": [5, 6], "filename": "COCO_val2014_000000000042.jpg", "imgid": 3,
                 "split": "test", "sentences": [
                   {"tokens": ["a", "man"], "raw": "A man on a wave.", "imgid": 3, "sentid": 5},
                   {"tokens": ["a", "surfer"], "raw": "A surfer riding a board.", "imgid": 3, "sentid": 6}],
                 "cocoid": 4242}
                """));
        Files.writeString(coco, json.toString());
        write(data, "video/ann/tvqa/tvqa_val.jsonl", """
                {"a0": "A glass", "a1": "Nachos.", "a2": "A purse", "a3": "A book", "a4": "A bottle", "answer_idx": 0, "q": "What is Robin holding?", "qid": 17, "ts": "1.21-8.49", "vid_name": "met_s06e22_seg01_clip_02", "show_name": "How I Met You Mother"}
                """);
        write(data, "video/ann/how2qa/how2qa_val_release.jsonl", """
                {"a0": "an onion", "a1": "a carrot", "a2": "garlic", "a3": "a potato", "answer_idx": 0, "q": "What is chopped?", "qid": "how2qa_1", "ts": "0.5-4.0", "vid_name": "how2_vid_0"}
                """);
        write(data, "video/ann/tvc/tvc_val_release.jsonl", """
                {"vid_name": "met_s06e22_seg01_clip_02", "duration": 61.03, "ts": [1.0, 9.0], "clip_id": 86604, "descs": [{"desc": "Robin talks.", "type": "v", "desc_id": 108307}]}
                """);
        write(data, "video/ann/yc2c/yc2c_val_release.jsonl", """
                {"vid_name": "yc2_vid_0", "duration": 12.5, "clip_id": "yc2_clip_1", "descs": [{"desc": "stir the pot", "type": "yc2c", "desc_id": "yc2c_1"}]}
                """);
        Path model = dir.resolve("bart-tiny");
        Files.createDirectories(model);
        for (String f : new String[] {"config.json", "generation_config.json", "model.safetensors"}) {
            Files.copy(FixtureTensors.folder("bart-tiny").resolve(f), model.resolve(f));
        }
        Files.copy(Paths.get("src/test/resources/fixtures/python/bart_tokenizer.json"), model.resolve("tokenizer.json"));
        return new MiniatureBenchmark(data, model);
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
