package org.vladapter.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.vision.features.FeatureStoreException;
import org.vladapter.vision.features.Hdf5FeatureWriter;
import org.vladapter.vision.features.NpyWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The release layout end to end (annotation files → collated batches) and its error messages. */
class DatasetLayoutTest {

    @TempDir
    Path dir;

    private ReleaseFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = ReleaseFixture.create(dir);
    }

    private DatasetLayout layout() {
        return DatasetLayout.builder().root(fixture.root()).cacheSize(4).build();
    }

    @Test
    void allEightTasksLoadIntoCollatedBatches() {
        Map<Task, String> splits = Map.of(
                Task.VQA, "karpathy_train", Task.GQA, "train,valid", Task.NLVR2, "train",
                Task.COCO_CAPTION, "karpathy_train", Task.TVQA, "train", Task.HOW2QA, "train_release",
                Task.TVC, "train_release", Task.YC2C, "train_release");
        Map<Task, Integer> visualTokens = Map.of(Task.NLVR2, 72);
        try (DatasetLayout layout = layout();
                BatchCollator collator = BatchCollator.builder().encoder(new WhitespaceEncoder()).build()) {
            for (Task task : Task.values()) {
                TaskDataset data = layout.open(task, splits.get(task));
                TaskLoader loader = new TaskLoader(data, 2, collator);
                List<Batch> batches = new ArrayList<>();
                loader.inOrder(1).forEachRemaining(batches::add);
                assertThat(batches).as(task.key()).hasSize(loader.numBatches());
                int examples = batches.stream().mapToInt(Batch::size).sum();
                assertThat(examples).as(task.key()).isEqualTo(data.size());
                Batch b = batches.get(0);
                assertThat(b.task()).isEqualTo(task);
                assertThat(b.hasTargets()).as(task.key()).isTrue();
                int v = task.modality() == Task.Modality.VIDEO ? 64 : visualTokens.getOrDefault(task, 36);
                assertThat(b.visualTokens()).as(task.key()).isEqualTo(v);
                assertThat(b.featureDim()).as(task.key()).isEqualTo(task.modality() == Task.Modality.VIDEO ? 512 : 2048);
                assertThat(b.visualFeatures()).hasSize(b.size() * v * b.featureDim());
                if (task.modality() == Task.Modality.VIDEO) {
                    assertThat(b.examples().get(0).inputText()).endsWith(task.prefix());
                } else if (task != Task.COCO_CAPTION) {
                    assertThat(b.examples().get(0).inputText()).startsWith(task.prefix());
                }
            }
        }
    }

    @Test
    void multitaskEpochOverTheImageTasks() {
        try (DatasetLayout layout = layout();
                BatchCollator collator = BatchCollator.builder().encoder(new WhitespaceEncoder()).build()) {
            MultitaskLoader.Builder builder = MultitaskLoader.builder().collator(collator);
            MultitaskLoader.paperBatchSizes(Task.imageTasks(), 6)
                    .forEach((task, size) -> builder.addTask(layout.open(task, DatasetLayout.trainSplit(task)), size));
            MultitaskLoader loader = builder.build();
            // vqa 3 items / 6, gqa 2 / 10, nlvr 2 / 2, caption 3 / 5: one batch each
            assertThat(loader.numBatches()).isEqualTo(4);
            List<Task> seen = new ArrayList<>();
            try (MultitaskLoader.Epoch epoch = loader.epoch(0)) {
                epoch.forEachRemaining(b -> seen.add(b.task()));
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(Task.imageTasks());
        }
    }

    @Test
    void missingFeatureFileNamesIdAndDirectory() throws Exception {
        Path coco = fixture.root().resolve("COCO/clip_features/data_clip_RN101_att");
        Files.delete(coco.resolve(ReleaseFixture.COCO_VAL_IMG + ".h5"));
        try (DatasetLayout layout = layout();
                BatchCollator collator = BatchCollator.builder().encoder(new WhitespaceEncoder()).build()) {
            TaskDataset val = layout.open(Task.VQA, "karpathy_val");
            assertThatThrownBy(() -> collator.collate(val, new int[] {0}, new Random(1)))
                    .isInstanceOf(FeatureStoreException.class)
                    .hasMessageContaining("'" + ReleaseFixture.COCO_VAL_IMG + "'")
                    .hasMessageContaining(coco.toString());
        }
    }

    @Test
    void wrongFeatureShapeNamesExpectedFoundAndFile() {
        Path file = fixture.root().resolve("COCO/clip_features/data_clip_RN101_att/" + ReleaseFixture.COCO_VAL_IMG + ".h5");
        Hdf5FeatureWriter.writeImage(file, ReleaseFixture.COCO_VAL_IMG, NpyWriter.matrix(36, 2048, 1), Hdf5FeatureWriter.Precision.FLOAT16);
        try (DatasetLayout layout = layout();
                BatchCollator collator = BatchCollator.builder().encoder(new WhitespaceEncoder()).build()) {
            TaskDataset val = layout.open(Task.VQA, "karpathy_val");
            assertThatThrownBy(() -> collator.collate(val, new int[] {0}, new Random(1)))
                    .isInstanceOf(FeatureStoreException.class)
                    .hasMessageContaining("[36, 2048]")
                    .hasMessageContaining("expected [49, 2048]")
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void malformedJsonNamesFileAndLine() {
        fixture.write("vqa/karpathy_val.json", "[\n  {\"img_id\": \"x\", \"sent\": \"q\", \"question_id\": 1},\n  {\"img_id\": \"y\" \"sent\": \"q\"}\n]\n");
        try (DatasetLayout layout = layout()) {
            assertThatThrownBy(() -> layout.open(Task.VQA, "karpathy_val"))
                    .isInstanceOf(AnnotationException.class)
                    .hasMessageContaining("karpathy_val.json:3")
                    .hasMessageContaining("malformed JSON");
        }
    }

    @Test
    void missingKeyNamesFileLineAndKey() {
        fixture.write("nlvr/valid.json", "[\n{\"identifier\": \"a\", \"img0\": \"b\", \"img1\": \"c\", \"label\": 1, \"uid\": \"u\"}\n]");
        try (DatasetLayout layout = layout()) {
            assertThatThrownBy(() -> layout.open(Task.NLVR2, "valid"))
                    .isInstanceOf(AnnotationException.class)
                    .hasMessageContaining("valid.json:2")
                    .hasMessageContaining("missing key 'sent'");
        }
    }

    @Test
    void malformedJsonLinesNameFileAndLine() {
        fixture.write("video/ann/tvqa/tvqa_val.jsonl",
                "{\"a0\": \"x\", \"a1\": \"x\", \"a2\": \"x\", \"a3\": \"x\", \"a4\": \"x\", \"answer_idx\": 0, \"q\": \"q\", \"qid\": 1, \"ts\": \"0-1\", \"vid_name\": \"met_s06e22_seg01_clip_02\", \"show_name\": \"s\"}\n"
                        + "\n"
                        + "{\"a0\": \"x\", \"q\": }\n");
        try (DatasetLayout layout = layout()) {
            assertThatThrownBy(() -> layout.open(Task.TVQA, "val"))
                    .isInstanceOf(AnnotationException.class)
                    .hasMessageContaining("tvqa_val.jsonl:3")
                    .hasMessageContaining("malformed JSON line");
        }
    }

    @Test
    void videoWithoutSubtitlesIsReported() {
        fixture.write("video/ann/yc2c/yc2c_val_release.jsonl",
                "{\"vid_name\": \"unknown_vid\", \"duration\": 1.0, \"clip_id\": 1, \"descs\": [{\"desc\": \"d\", \"desc_id\": 2}]}\n");
        try (DatasetLayout layout = layout()) {
            assertThatThrownBy(() -> layout.open(Task.YC2C, "val_release"))
                    .hasMessageContaining("yc2c_val_release.jsonl:1")
                    .hasMessageContaining("'unknown_vid'")
                    .hasMessageContaining("yc2_subtitles.jsonl");
        }
    }

    @Test
    void unknownTaskNameListsTheKnownTasks() {
        try (DatasetLayout layout = layout()) {
            assertThatThrownBy(() -> layout.open("vqa2", "karpathy_train"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown task 'vqa2'")
                    .hasMessageContaining("vqa, gqa, nlvr, caption, tvqa, how2qa, tvc, yc2c");
            assertThat(layout.open("caption", "karpathy_val").task()).isEqualTo(Task.COCO_CAPTION);
        }
    }

    @Test
    void emptySplitNamesTheFile() {
        fixture.write("vqa/karpathy_val.json", "[]");
        try (DatasetLayout layout = layout()) {
            assertThatThrownBy(() -> layout.open(Task.VQA, "karpathy_val"))
                    .isInstanceOf(AnnotationException.class)
                    .hasMessageContaining("split 'karpathy_val' of task vqa has no items")
                    .hasMessageContaining("karpathy_val.json");
            assertThatThrownBy(() -> layout.open(Task.COCO_CAPTION, "karpathy_test"))
                    .hasMessageContaining("no items").hasMessageContaining("dataset_coco.json");
        }
    }

    @Test
    void missingAnnotationFileIsNamed() {
        try (DatasetLayout layout = layout()) {
            assertThatThrownBy(() -> layout.open(Task.NLVR2, "test"))
                    .isInstanceOf(AnnotationException.class)
                    .hasMessageContaining("not found")
                    .hasMessageContaining(fixture.root().resolve("nlvr/test.json").toString());
            assertThatThrownBy(() -> layout.open(Task.GQA, "train,bogus"))
                    .hasMessageContaining("bogus");
        }
    }

    @Test
    void gqaTestdevReadsTheGqaFeatureFolder() {
        try (DatasetLayout layout = layout()) {
            assertThat(layout.open(Task.GQA, "testdev").featureStore().contains("n161313")).isTrue();
            assertThat(layout.open(Task.GQA, "train").featureStore().contains("n161313")).isFalse();
            assertThat(layout.open(Task.GQA, "train,testdev").featureStore().contains("n161313")).isTrue();
        }
    }
}
