package org.vladapter.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Task;
import tech.tablesaw.api.Table;

/** The paper-scale benchmarks: published VL-BART scores, their columns beside a reproduction, and their recipe. */
class PaperScoresTest {

    @Test
    void publishedScoresAreTheTablesAndAbsentRowsStayAbsent() {
        assertThat(PaperScores.score(Benchmark.VL_ADAPTER_IMAGE, MethodPreset.SINGLE_ADAPTER, Task.COCO_CAPTION)).contains(114.9);
        assertThat(PaperScores.score(Benchmark.VL_ADAPTER_IMAGE, MethodPreset.FULL_FINETUNING, Task.VQA)).contains(67.6);
        assertThat(PaperScores.score(Benchmark.VL_ADAPTER_VIDEO, MethodPreset.SINGLE_LORA, Task.YC2C)).contains(140.9);
        assertThat(PaperScores.score(Benchmark.VL_ADAPTER_IMAGE, MethodPreset.MULTIPLE_COMPACTERS, Task.VQA)).isEmpty();
        assertThat(PaperScores.score(Benchmark.SHAPES_IMAGE, MethodPreset.SINGLE_ADAPTER, Task.VQA)).isEmpty();
        // the published averages are the means of the four columns
        for (MethodPreset m : Benchmark.VL_ADAPTER_IMAGE.methods()) {
            if (PaperScores.score(Benchmark.VL_ADAPTER_IMAGE, m, Task.VQA).isPresent()) {
                double sum = 0;
                for (Task t : Benchmark.VL_ADAPTER_IMAGE.tasks()) {
                    sum += PaperScores.score(Benchmark.VL_ADAPTER_IMAGE, m, t).orElseThrow();
                }
                assertThat(sum / 4).isBetween(59.0 - 0.05, 77.6 + 0.05);
            }
        }
    }

    @Test
    void resultsPutThePublishedScoreAndTheDifferenceBesideEachCell() {
        Map<String, Double> mean = new LinkedHashMap<>();
        mean.put("vqa", 66.0);
        mean.put("gqa", 54.0);
        mean.put("nlvr", 74.2);
        mean.put("caption", 115.0);
        Map<String, Double> std = new LinkedHashMap<>();
        mean.keySet().forEach(k -> std.put(k, 0.0));
        List<MethodSummary> rows = List.of(
                new MethodSummary("single-adapter", 4.18, 4.18, mean, std, 77.3, 0, 10, 1, 1),
                new MethodSummary("multiple-compacters", 5.0, 5.0, mean, std, 77.3, 0, 10, 1, 1));
        Table csv = new ReproduceResults(Benchmark.VL_ADAPTER_IMAGE, "t", rows, List.of()).csvTable();
        assertThat(csv.columnNames()).containsSubsequence("vqa", "vqa_paper_bart", "vqa_diff", "caption", "caption_paper_bart", "caption_diff");
        assertThat(csv.doubleColumn("vqa_paper_bart").get(0)).isEqualTo(65.9);
        assertThat(csv.doubleColumn("vqa_diff").get(0)).isEqualTo(0.1);
        assertThat(csv.doubleColumn("gqa_diff").get(0)).isEqualTo(-0.5);
        assertThat(csv.doubleColumn("caption_diff").get(0)).isEqualTo(0.1);
        assertThat(csv.doubleColumn("vqa_paper_bart").isMissing(1)).isTrue();
        Table shapes = new ReproduceResults(Benchmark.SHAPES_IMAGE, "t", rows, List.of()).csvTable();
        assertThat(shapes.columnNames()).noneMatch(c -> c.endsWith("_paper_bart") || c.endsWith("_diff"));
    }

    @Test
    void paperScaleBenchmarksUseThePapersRecipeAndNeedTheirData() {
        BenchmarkRecipe image = BenchmarkRecipe.standard(Benchmark.VL_ADAPTER_IMAGE);
        assertThat(image.epochs()).isEqualTo(20);
        assertThat(image.baseBatchSize()).isEqualTo(500);
        assertThat(BenchmarkRecipe.standard(Benchmark.VL_ADAPTER_VIDEO).epochs()).isEqualTo(7);
        assertThat(Benchmark.fromCliName("vl-adapter-image").methods()).hasSize(13);
        assertThatThrownBy(() -> BenchmarkAssets.dataRoot(Benchmark.VL_ADAPTER_IMAGE, null)).hasMessageContaining("--data")
                .hasMessageContaining("download datasets/ylsung/VL-Adapter-datasets");
        assertThatThrownBy(() -> BenchmarkAssets.backbone("facebook/bart-base-not-cached"))
                .hasMessageContaining("bin/vladapter download facebook/bart-base-not-cached");
        assertThat(Path.of("x")).isNotNull();
    }
}
