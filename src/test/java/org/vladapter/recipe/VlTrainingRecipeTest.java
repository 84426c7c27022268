package org.vladapter.recipe;

import org.vladapter.model.TinyVl;
import org.vladapter.model.VlAdapter;
import org.vladapter.model.VlModel;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.FixtureTensors;
import org.vladapter.report.ResultsTable;
import org.vladapter.tasks.ReleaseFixture;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.WhitespaceEncoder;
import org.vladapter.train.ProgressBar;
import org.vladapter.train.RunExistsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The paper's recipe through {@code VlTraining.data(root)} on a miniature image release with labelled test
 * splits: every task (GQA on test-dev) in the results with an average, one prediction per test example in
 * each task's files, scores in range, and a second run in the same folder refused.
 */
class VlTrainingRecipeTest {

    @TempDir
    Path dir;

    @Test
    void paperRecipeReportsEveryTaskWithAnAverageAndPredictionsPerExample() throws Exception {
        Path root = release();
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel model = singleAdapter(manager);
            Recipe paper = Recipe.paper(model);
            assertThat(paper.epochs()).isEqualTo(20);
            assertThat(paper.learningRate()).isEqualTo(1e-3);
            assertThat(paper.baseBatchSize()).isEqualTo(500);
            assertThat(paper.taskPrompts()).isTrue();
            assertThat(paper.reportedSplit(Task.GQA)).isEqualTo("testdev");
            Recipe quick = paper.toBuilder().epochs(1).baseBatchSize(2).evalBatchSize(2).build();
            Path run = dir.resolve("run");
            VlTraining.Result result = VlTraining.builder().model(model).recipe(quick).data(root).runDir(run)
                    .progress(ProgressBar.Style.QUIET).build().fit();

            assertThat(result.training().test().keySet()).containsExactly("vqa", "gqa", "nlvr", "caption");
            ResultsTable table = result.table();
            for (String task : List.of("vqa", "gqa", "nlvr", "caption")) {
                assertThat(table.score("single-adapter", task)).as(task).isBetween(0.0, 100.0);
            }
            assertThat(table.average("single-adapter")).isBetween(0.0, 100.0);
            String csv = Files.readString(run.resolve("results.csv"));
            assertThat(csv).contains("single-adapter").doesNotContain(",-");
            assertThat(run.resolve("score_vs_params.png")).exists();
            assertThat(Files.readString(run.resolve("results.html"))).startsWith("<!DOCTYPE html>")
                    .contains("gqa: testdev").contains("learning_rate");
            JsonObject captionScores = JsonParser.parseString(Files.readString(run.resolve("predictions/caption_scores.json")))
                    .getAsJsonObject();
            assertThat(captionScores.get("score").getAsDouble())
                    .isEqualTo(captionScores.getAsJsonObject("metrics").get("CIDEr-D").getAsDouble(), within(1e-9));
            assertThat(JsonParser.parseString(Files.readString(run.resolve("predictions/caption_references.json")))
                    .getAsJsonObject().keySet()).containsExactly("COCO_val2014_000000000074");

            Path p = run.resolve("predictions");
            assertThat(JsonParser.parseString(Files.readString(p.resolve("vqa_predictions.json"))).getAsJsonObject().size())
                    .isEqualTo(1);
            JsonArray gqa = JsonParser.parseString(Files.readString(p.resolve("gqa_submission.json"))).getAsJsonArray();
            assertThat(gqa).hasSize(1);
            assertThat(gqa.get(0).getAsJsonObject().get("questionId").getAsString()).isEqualTo("201307251");
            assertThat(Files.readAllLines(p.resolve("nlvr_submission.csv"))).hasSize(1);
            assertThat(JsonParser.parseString(Files.readString(p.resolve("caption_predictions.json"))).getAsJsonObject().size())
                    .isEqualTo(1);
            JsonObject record = JsonParser.parseString(Files.readString(run.resolve("run.json"))).getAsJsonObject();
            assertThat(record.get("status").getAsString()).isEqualTo("finished");
            assertThat(record.getAsJsonObject("configuration").getAsJsonObject("recipe").get("epochs").getAsInt()).isEqualTo(1);

            // the same cell run again with the same folder: refused, the finished run is kept
            assertThatThrownBy(() -> VlTraining.builder().model(model).recipe(quick).data(root).runDir(run)
                    .progress(ProgressBar.Style.QUIET).build().fit()).isInstanceOf(RunExistsException.class);
            assertThat(Files.readString(run.resolve("results.csv"))).isEqualTo(csv);
        }
    }

    @Test
    void trainItemsAndEvalItemsCapEverySplitOfAShortRun() throws Exception {
        Path root = release();
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel model = singleAdapter(manager);
            Recipe quick = Recipe.paper(model).toBuilder().epochs(1).baseBatchSize(500).evalBatchSize(2).build();
            VlTraining.Result result = VlTraining.builder().model(model).recipe(quick).data(root).runDir(dir.resolve("run"))
                    .trainItems(1).evalItems(1).progress(ProgressBar.Style.QUIET).build().fit();
            // one item per task: one batch per task per epoch, whatever the fixture's split sizes
            assertThat(result.training().history().epochs().get(0).steps()).isEqualTo(4);
            assertThat(JsonParser.parseString(Files.readString(dir.resolve("run/predictions/caption_predictions.json")))
                    .getAsJsonObject().size()).isEqualTo(1);
        }
        assertThatThrownBy(() -> VlTraining.builder().trainItems(-1)).hasMessageContaining("trainItems");
    }

    @Test
    void missingFeatureFilesAndTooLongInputsFailBeforeTraining() throws Exception {
        ReleaseFixture fixture = ReleaseFixture.create(dir);
        Path root = fixture.root();
        Files.delete(root.resolve("VG/clip_features/data_clip_RN101_att/2375430.h5"));
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel image = tiny(manager, List.of(Task.GQA, Task.NLVR2));
            Path run = dir.resolve("run");
            assertThatThrownBy(() -> VlTraining.builder().model(image).data(root).runDir(run)
                    .recipe(Recipe.paper(image).toBuilder().test(false).build())
                    .progress(ProgressBar.Style.QUIET).build().fit())
                    .hasMessageContaining("feature files missing or misshapen before training")
                    .hasMessageContaining("1 missing").hasMessageContaining("2375430");
            assertThat(run.resolve("checkpoints")).doesNotExist();

            VlModel video = tiny(manager, List.of(Task.TVQA));
            assertThatThrownBy(() -> VlTraining.builder().model(video).data(root).runDir(run).build().fit())
                    .hasMessageContaining("task tvqa keeps text inputs of up to 600 tokens")
                    .hasMessageContaining("has 64 positions");
        }
    }

    @Test
    void aVideoRunReportsEveryTaskOnValidationWithPredictions() throws Exception {
        Path root = ReleaseFixture.create(dir).root();
        Path ann = root.resolve("video/ann");
        Files.copy(ann.resolve("tvqa/tvqa_train.jsonl"), ann.resolve("tvqa/tvqa_val.jsonl"));
        for (String t : List.of("how2qa", "tvc", "yc2c")) {
            Files.copy(ann.resolve(t + "/" + t + "_train_release.jsonl"), ann.resolve(t + "/" + t + "_val_release.jsonl"));
        }
        VlModel model = VlAdapter.builder().backbone(TinyVl.Tiny.T5.backbone()).method("single-adapter")
                .tasks(Task.videoTasks()).tokenizer(new TinyVl.Words(TinyVl.Tiny.T5.backbone().config())).build();
        try (model) {
            Path run = dir.resolve("video-run");
            VlTraining.Result result = VlTraining.builder().model(model).data(root).runDir(run)
                    .recipe(Recipe.paper(model).toBuilder().epochs(1).baseBatchSize(2).evalBatchSize(2).build())
                    .progress(ProgressBar.Style.QUIET).build().fit();
            assertThat(result.training().test().keySet()).containsExactly("tvqa", "how2qa", "tvc", "yc2c");
            assertThat(result.table().average("single-adapter")).isBetween(0.0, 100.0);
            for (String f : List.of("tvqa_submission.json", "how2qa_submission.json", "tvc_predictions.json",
                    "yc2c_references.json", "tvc_scores.json")) {
                assertThat(run.resolve("predictions").resolve(f)).as(f).exists();
            }
            assertThat(Files.readString(run.resolve("results.html"))).contains("tvqa: val,").contains("yc2c: val_release");
        }
    }

    @Test
    void aFeatureFileOfTheWrongShapeFailsBeforeTrainingWithItsIdFileAndShapes() throws Exception {
        ReleaseFixture fixture = ReleaseFixture.create(dir);
        Path root = fixture.root();
        // the second image of an NLVR2 dev pair, written with another feature type's width (49, 512)
        Path bad = root.resolve("nlvr/clip_features/data_clip_RN101_att/dev-850-0-img1.h5");
        org.vladapter.vision.features.Hdf5FeatureWriter.writeImage(bad, "dev-850-0-img1",
                org.vladapter.vision.features.NpyWriter.matrix(49, 512, 3),
                org.vladapter.vision.features.Hdf5FeatureWriter.Precision.FLOAT16);
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel image = tiny(manager, List.of(Task.GQA, Task.NLVR2));
            Path run = dir.resolve("run");
            assertThatThrownBy(() -> VlTraining.builder().model(image).data(root).runDir(run)
                    .recipe(Recipe.paper(image).toBuilder().test(false).build())
                    .progress(ProgressBar.Style.QUIET).build().fit())
                    .hasMessageContaining("feature files missing or misshapen before training")
                    .hasMessageContaining("1 with a wrong shape")
                    .hasMessageContaining("'dev-850-0-img1'").hasMessageContaining("dev-850-0-img1.h5")
                    .hasMessageContaining("[49, 512]").hasMessageContaining("expected [49, 2048]")
                    .hasMessageNotContaining("missing in");
            assertThat(run.resolve("checkpoints")).doesNotExist();
        }
    }

    private static VlModel tiny(NDManager manager, List<Task> tasks) {
        return VlAdapter.builder().backbone(Backbone.fromFolder(FixtureTensors.folder("bart-tiny")))
                .method("single-lora").tasks(tasks).tokenizer(VlTrainingTest.smallVocab(new WhitespaceEncoder(), 600))
                .manager(manager).build();
    }

    /** VQA and NLVR2 test files and a COCO Karpathy test image. */
    private static void addLabelledTests(Path root) throws Exception {
        Files.writeString(root.resolve("vqa/karpathy_test.json"), """
                [{"answer_type": "yes/no", "img_id": "COCO_val2014_000000000042", "label": {"yes": 1},
                  "question_id": 42003, "question_type": "is the", "sent": "Is there a wave?"}]
                """);
        Files.writeString(root.resolve("nlvr/test.json"), """
                [{"identifier": "test1-850-0-0", "img0": "dev-850-0-img0", "img1": "dev-850-0-img1", "label": 0,
                  "sent": "There are two dogs.", "uid": "nlvr2_test_0"}]
                """);
        Path coco = root.resolve("COCO/dataset_coco.json");
        JsonObject c = JsonParser.parseString(Files.readString(coco)).getAsJsonObject();
        JsonObject test = JsonParser.parseString("""
                {"filepath": "val2014", "sentids": [5], "filename": "COCO_val2014_000000000074.jpg", "imgid": 3,
                 "split": "test", "sentences": [{"tokens": ["a", "bike"], "raw": "A bike.", "imgid": 3, "sentid": 5}],
                 "cocoid": 74}
                """).getAsJsonObject();
        c.getAsJsonArray("images").add(test);
        Files.writeString(coco, c.toString());
    }

    /** The miniature image release with labelled test splits and one COCO test image. */
    private Path release() throws Exception {
        ReleaseFixture fixture = ReleaseFixture.create(dir);
        Path root = fixture.root();
        addLabelledTests(root);
        fixture.image("COCO", "COCO_val2014_000000000074", 11);
        return root;
    }

    /** A single adapter on the tiny BART fixture over the four image tasks. */
    private static VlModel singleAdapter(NDManager manager) {
        return VlAdapter.builder()
                .backbone(Backbone.fromFolder(FixtureTensors.folder("bart-tiny")))
                .method("single-adapter").tasks(Task.imageTasks())
                .tokenizer(VlTrainingTest.smallVocab(new WhitespaceEncoder(), 600)).manager(manager)
                .build();
    }
}
