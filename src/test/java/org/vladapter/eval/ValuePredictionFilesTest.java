package org.vladapter.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.ReleaseFixture;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskDataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** TVC / YC2C predictions in the VALUE submission format, with the clip ids and time spans of the release files. */
class ValuePredictionFilesTest {

    @TempDir
    Path dir;

    private static TaskEvaluation.Result predicted(TaskDataset data, String prefix) {
        Map<String, String> predictions = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            Example e = data.example(i, new Random(0));
            predictions.put(e.id(), prefix + " " + i);
        }
        return new TaskEvaluation.Result(data.task(), 0, Map.of(), predictions,
                TaskEvaluation.videoClips(data, predictions.keySet()));
    }

    @Test
    void tvcWritesOneValueLinePerClipWithItsIdAndTimeSpan() throws Exception {
        Path root = ReleaseFixture.create(dir.resolve("release")).root();
        try (DatasetLayout layout = DatasetLayout.builder().root(root).build()) {
            // the labelled split has two descriptions of one clip: one line, the first item's prediction
            TaskEvaluation.Result labelled = predicted(layout.open(Task.TVC, "train_release"), "a man talks");
            assertThat(labelled.videoClips()).containsOnlyKeys("108305", "108306");
            Map<String, Path> files = PredictionFiles.write(dir.resolve("train"), labelled);
            assertThat(files.get("submission").getFileName().toString()).isEqualTo("tvc_submission.jsonl");
            assertThat(Files.readString(files.get("submission"), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"vid_name\":\"met_s06e22_seg01_clip_02\",\"clip_id\":86603,\"ts\":[16.82,19.42],"
                            + "\"descs\":[{\"desc\":\"a man talks 0\"}]}\n");
            TaskEvaluation.Result test = predicted(layout.open(Task.TVC, "test_release"), "she waves");
            Path submission = PredictionFiles.write(dir.resolve("test"), test).get("submission");
            assertThat(Files.readString(submission, StandardCharsets.UTF_8)).isEqualTo(
                    "{\"vid_name\":\"friends_s01e01_seg02_clip_00\",\"clip_id\":90001,\"ts\":[1.0E-5,20.0],"
                            + "\"descs\":[{\"desc\":\"she waves 0\"}]}\n");
        }
    }

    @Test
    void yc2cKeepsItsClipIdAndHasNoTimeSpanAndAResultWithoutClipsWritesNoSubmission() throws Exception {
        Path root = ReleaseFixture.create(dir.resolve("release")).root();
        try (DatasetLayout layout = DatasetLayout.builder().root(root).build()) {
            TaskDataset yc2c = layout.open(Task.YC2C, "train_release");
            assertThat(yc2c.videoClip(0)).get().satisfies(c -> {
                assertThat(c.videoName()).isEqualTo("yc2_vid_0");
                assertThat(c.clipId()).isEqualTo("yc2_clip_0");
                assertThat(c.timestamps()).isNull();
            });
            // the fixture's YC2C clip id is not an integer: the submission keeps it, as a string
            Path submission = PredictionFiles.write(dir.resolve("yc2c"), predicted(yc2c, "stir")).get("submission");
            assertThat(submission).isNotNull();
            com.google.gson.JsonObject line = com.google.gson.JsonParser.parseString(
                    java.nio.file.Files.readAllLines(submission).get(0)).getAsJsonObject();
            assertThat(line.get("clip_id").getAsString()).isEqualTo("yc2_clip_0");
            assertThat(line.has("ts")).isFalse();
            TaskEvaluation.Result noClips = new TaskEvaluation.Result(Task.TVC, 0, Map.of(), Map.of("108305", "x"));
            assertThat(PredictionFiles.write(dir.resolve("none"), noClips)).doesNotContainKey("submission")
                    .containsKeys("predictions", "scores");
        }
    }
}
