package org.vladapter.recipe;

import org.vladapter.model.VlAdapter;
import org.vladapter.model.VlModel;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.FixtureTensors;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.MultitaskLoader;
import org.vladapter.tasks.ReleaseFixture;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.tasks.WhitespaceEncoder;
import org.vladapter.tokenize.TextEncoder;
import org.vladapter.train.ProgressBar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end on a miniature of the VL-Adapter release (original formats): tiny VL-BART with a single
 * adapter trained on the four image tasks, validated every epoch, tested once, with every report written.
 */
class VlTrainingTest {

    @TempDir
    Path dir;

    @Test
    void multitaskTrainingWritesCheckpointsPredictionsTablesAndCharts() throws Exception {
        ReleaseFixture fixture = ReleaseFixture.create(dir);
        List<Task> tasks = Task.imageTasks();
        TextEncoder tokenizer = smallVocab(new WhitespaceEncoder(), 600);
        try (NDManager manager = NDManager.newBaseManager();
                DatasetLayout layout = DatasetLayout.builder().root(fixture.root()).build();
                BatchCollator collator = BatchCollator.builder().encoder(tokenizer).build()) {
            VlModel model = VlAdapter.builder()
                    .backbone(Backbone.fromFolder(FixtureTensors.folder("bart-tiny")))
                    .method("single-adapter")
                    .tasks(tasks)
                    .tokenizer(tokenizer)
                    .manager(manager)
                    .build();
            MultitaskLoader.Builder train = MultitaskLoader.builder().collator(collator).seed(1);
            VlTraining.Builder run = VlTraining.builder().model(model).collator(collator)
                    .epochs(2).learningRate(1e-3).runDir(dir.resolve("run"))
                    .progress(ProgressBar.Style.QUIET);
            for (Task t : tasks) {
                train.addTask(layout.open(t, DatasetLayout.trainSplit(t)), 2);
                run.validation(t, layout.open(t, DatasetLayout.validationSplit(t)));
                run.test(t, layout.open(t, DatasetLayout.validationSplit(t)));
            }
            VlTraining.Result result = run.trainData(train.build()).build().fit();

            assertThat(result.training().history().epochs()).hasSize(2);
            assertThat(result.training().history().losses()).allSatisfy(l -> assertThat(Double.isFinite(l.loss())).isTrue());
            assertThat(result.training().test().keySet()).containsExactly("vqa", "gqa", "nlvr", "caption");
            Path runDir = dir.resolve("run");
            for (String f : List.of("results.csv", "results.html", "loss.png", "validation.png", "run.json",
                    "predictions/vqa_predictions.json", "predictions/nlvr_submission.csv", "checkpoints/last",
                    "adapter/adapter_model.safetensors", "adapter/adapter_config.json")) {
                assertThat(runDir.resolve(f)).as(f).exists();
            }
            assertThat(Files.readString(runDir.resolve("results.csv"))).contains("vqa", "caption", "avg");
        }
    }

    @Test
    void aTestThatFailsAfterTrainingStillLeavesTheRunRecordTheAdapterAndTheResultsSoFar() throws Exception {
        ReleaseFixture fixture = ReleaseFixture.create(dir);
        List<Task> tasks = List.of(Task.VQA, Task.NLVR2);
        TextEncoder tokenizer = smallVocab(new WhitespaceEncoder(), 600);
        try (NDManager manager = NDManager.newBaseManager();
                DatasetLayout layout = DatasetLayout.builder().root(fixture.root()).build();
                BatchCollator collator = BatchCollator.builder().encoder(tokenizer).build()) {
            VlModel model = VlAdapter.builder().backbone(Backbone.fromFolder(FixtureTensors.folder("bart-tiny")))
                    .method("single-adapter").tasks(tasks).tokenizer(tokenizer).manager(manager).build();
            MultitaskLoader.Builder train = MultitaskLoader.builder().collator(collator).seed(1);
            VlTraining.Builder run = VlTraining.builder().model(model).collator(collator)
                    .epochs(1).learningRate(1e-3).runDir(dir.resolve("run")).progress(ProgressBar.Style.QUIET);
            for (Task t : tasks) {
                train.addTask(layout.open(t, DatasetLayout.trainSplit(t)), 2);
            }
            run.test(Task.VQA, layout.open(Task.VQA, DatasetLayout.validationSplit(Task.VQA)));
            TaskDataset nlvr = layout.open(Task.NLVR2, DatasetLayout.validationSplit(Task.NLVR2));
            run.test(Task.NLVR2, new TaskDataset() { // its items cannot be read: fails after training
                @Override public Task task() { return nlvr.task(); }
                @Override public String name() { return nlvr.name(); }
                @Override public int size() { return nlvr.size(); }
                @Override public org.vladapter.tasks.Example example(int index, java.util.Random random) {
                    throw new IllegalStateException("nlvr item " + index + " is unreadable");
                }
                @Override public org.vladapter.vision.features.FeatureStore featureStore() { return nlvr.featureStore(); }
            });
            VlTraining training = run.trainData(train.build()).build();
            assertThatThrownBy(training::fit).isInstanceOf(org.vladapter.train.EvaluationFailedException.class)
                    .hasMessageContaining("nlvr item 0 is unreadable");

            Path runDir = dir.resolve("run");
            com.google.gson.JsonObject record = com.google.gson.JsonParser.parseString(
                    Files.readString(runDir.resolve("run.json"))).getAsJsonObject();
            assertThat(record.get("status").getAsString()).isEqualTo("failed");
            assertThat(record.get("failedDuring").getAsString()).isEqualTo("test");
            assertThat(record.get("error").getAsString()).contains("IllegalStateException", "nlvr item 0 is unreadable");
            assertThat(record.getAsJsonObject("metrics").getAsJsonObject("test_so_far").keySet()).containsExactly("vqa");
            assertThat(record.getAsJsonObject("metrics").get("steps").getAsInt()).isPositive();
            assertThat(runDir.resolve("adapter/adapter_model.safetensors")).exists();
            assertThat(runDir.resolve("predictions/vqa_predictions.json")).exists();
            assertThat(runDir.resolve("predictions/nlvr_predictions.json")).doesNotExist();
            List<String> csv = Files.readAllLines(runDir.resolve("results.csv"));
            assertThat(csv.get(0)).contains("vqa", "nlvr");
            assertThat(csv.get(1)).matches(".*single-adapter,[0-9.]+,,.*"); // vqa scored, nlvr missing
            assertThat(Files.readString(runDir.resolve("results.html"))).contains("failed", "nlvr item 0 is unreadable");
        }
    }

    /** The whitespace test tokenizer with a small vocabulary, so the tiny model's LM head stays tiny. */
    static TextEncoder smallVocab(TextEncoder words, int vocab) {
        return new TextEncoder() {
            @Override
            public long[] encode(String text, int maxLength) {
                long[] ids = words.encode(text, maxLength);
                for (long id : ids) {
                    assertThat(id).as("word id of '%s' below the VL tokens", text).isLessThan(vocab - 200);
                }
                return ids;
            }

            @Override
            public String decode(long[] ids) {
                return words.decode(ids);
            }

            @Override
            public long padId() {
                return words.padId();
            }

            @Override
            public long eosId() {
                return words.eosId();
            }

            @Override
            public int vocabSize() {
                return vocab;
            }
        };
    }
}
