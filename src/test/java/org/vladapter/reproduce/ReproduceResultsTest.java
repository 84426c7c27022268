package org.vladapter.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The reproduce job's method sets, column names, rounding, seed statistics and settings comparison. */
class ReproduceResultsTest {

    @TempDir
    Path dir;

    @Test
    void imageBenchmarkRunsThePapersThirteenRowsAndVideoItsFour() {
        assertThat(Benchmark.SHAPES_IMAGE.methods()).extracting(MethodPreset::cliName).containsExactly(
                "full-finetuning", "multiple-adapters", "half-shared-adapters", "single-adapter", "hyperformer",
                "multiple-compacters", "single-compacter", "multiple-lora", "single-lora", "multiple-prompts",
                "single-prompt", "visual-projection-only", "visual-projection-layernorm");
        assertThat(Benchmark.SHAPES_IMAGE.methods()).containsExactlyInAnyOrder(MethodPreset.values());
        assertThat(Benchmark.SHAPES_VIDEO.methods()).extracting(MethodPreset::cliName)
                .containsExactly("full-finetuning", "single-adapter", "single-lora", "single-prompt");
        assertThat(Benchmark.SHAPES_IMAGE.tasks()).containsExactly(Task.VQA, Task.GQA, Task.NLVR2, Task.COCO_CAPTION);
        assertThat(Benchmark.SHAPES_VIDEO.tasks()).containsExactly(Task.TVQA, Task.HOW2QA, Task.TVC, Task.YC2C);
        assertThat(Benchmark.SHAPES_IMAGE.evaluationSplit(Task.GQA)).isEqualTo("testdev");
        assertThat(Benchmark.SHAPES_IMAGE.evaluationSplit(Task.VQA)).isEqualTo("karpathy_test");
        assertThat(Benchmark.SHAPES_VIDEO.evaluationSplit(Task.TVQA)).isEqualTo("val");
        assertThat(Benchmark.fromCliName("shapes-video")).isEqualTo(Benchmark.SHAPES_VIDEO);
        assertThat(Benchmark.SHAPES_IMAGE.parseMethods("single-lora, full-finetuning"))
                .containsExactly(MethodPreset.SINGLE_LORA, MethodPreset.FULL_FINETUNING);
        assertThatThrownBy(() -> Benchmark.SHAPES_IMAGE.parseMethods("single-lora,nope")).hasMessageContaining("nope");
        assertThatThrownBy(() -> Benchmark.SHAPES_IMAGE.parseMethods("single-lora,single-lora")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Benchmark.fromCliName("coco")).hasMessageContaining("shapes-image, shapes-video");
    }

    @Test
    void recipeKeepsThePapersRelativeLearningRatesAndBatchRatios() {
        BenchmarkRecipe plan = BenchmarkRecipe.standard(Benchmark.SHAPES_IMAGE);
        List<Task> tasks = Benchmark.SHAPES_IMAGE.tasks();
        double adapter = plan.recipe(MethodPreset.SINGLE_ADAPTER, ModelType.BART, tasks, 1, "RN101").learningRate();
        assertThat(plan.recipe(MethodPreset.FULL_FINETUNING, ModelType.BART, tasks, 1, "RN101").learningRate() / adapter)
                .isCloseTo(0.1, offset(1e-12));
        assertThat(plan.recipe(MethodPreset.MULTIPLE_ADAPTERS, ModelType.BART, tasks, 1, "RN101").learningRate() / adapter)
                .isCloseTo(0.3, offset(1e-12));
        var r = plan.recipe(MethodPreset.SINGLE_LORA, ModelType.BART, tasks, 7, "RN101");
        assertThat(r.warmupRatio()).isEqualTo(0.1);
        assertThat(r.clipNorm()).isEqualTo(5.0);
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.taskPrompts()).isTrue();
        int b = plan.baseBatchSize();
        assertThat(r.batchSizes()).containsEntry(Task.VQA, b).containsEntry(Task.GQA, b * 100 / 60)
                .containsEntry(Task.NLVR2, b * 20 / 60).containsEntry(Task.COCO_CAPTION, b * 50 / 60);
        BenchmarkRecipe scaled = new BenchmarkRecipe(plan.epochs(), plan.baseBatchSize(), plan.evalBatchSize(), plan.warmupRatio(),
                plan.clipNorm(), plan.trainItems(), plan.evalItems(), 3.0);
        // the image benchmark doubles every paper rate (one epoch); the paper's single-adapter rate is 1e-3
        assertThat(plan.learningRateScale()).isEqualTo(2.0);
        assertThat(adapter).isCloseTo(2e-3, offset(1e-12));
        assertThat(scaled.recipe(MethodPreset.SINGLE_ADAPTER, ModelType.BART, tasks, 1, "RN101").learningRate())
                .isCloseTo(3e-3, offset(1e-12));
        assertThat(scaled.recipe(MethodPreset.FULL_FINETUNING, ModelType.BART, tasks, 1, "RN101").learningRate())
                .isCloseTo(3e-4, offset(1e-12));
        assertThatThrownBy(() -> new BenchmarkRecipe(1, 8, 8, 0.1, 5.0, 0, 0, 0.0)).hasMessageContaining("learning-rate scale");
        BenchmarkRecipe video = BenchmarkRecipe.standard(Benchmark.SHAPES_VIDEO);
        var v = video.recipe(MethodPreset.FULL_FINETUNING, ModelType.BART, Benchmark.SHAPES_VIDEO.tasks(), 1, "RN101");
        assertThat(v.learningRate()).isEqualTo(3e-5);
        assertThat(v.batchSizes().values()).containsOnly(video.baseBatchSize());
    }

    @Test
    void csvHasTheExactColumnsAndRoundsHalfUp() throws Exception {
        ReproduceResults r = results(List.of(
                run("full-finetuning", 1, 100.0, 61.234, 50.005, 70.0, 99.99499, 12.34),
                run("single-adapter", 1, 4.17549, 60.0, 49.0, 71.25, 98.5, 3.05)));
        r.save(dir, Map.of("benchmark", "shapes-image"));
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(lines.get(0)).isEqualTo("method,percent_params,vqa,gqa,nlvr,caption,average,seconds");
        assertThat(lines.get(1)).isEqualTo("full-finetuning,100,61.23,50.01,70,99.99,70.31,12.3");
        assertThat(lines.get(2)).isEqualTo("single-adapter,4.18,60,49,71.25,98.5,69.69,3.1");
        assertThat(r.table().columnNames()).containsExactly("method", "percent_params", "paper_percent", "vqa", "gqa",
                "nlvr", "caption", "average", "seconds");
        assertThat(r.table().doubleColumn("vqa").get(0)).isEqualTo(61.234);
        String text = r.toText();
        assertThat(text).contains("paper %").contains("61.2").contains("4.18").contains("100.00");
        assertThat(dir.resolve("score_vs_params.png")).exists();
        assertThat(dir.resolve("results_per_seed.csv")).doesNotExist();
        assertThat(Files.readString(dir.resolve("results.html"))).contains("<title>", "single-adapter", "benchmark");
        assertThat(r.image().getWidth()).isPositive();
    }

    @Test
    void severalSeedsGiveMeanAndSampleStdPerCell() throws Exception {
        ReproduceResults r = results(List.of(
                run("single-lora", 9595, 5.0, 60, 50, 70, 100, 1),
                run("single-lora", 9596, 5.0, 62, 50, 72, 104, 3)));
        MethodSummary s = r.row("single-lora");
        assertThat(s.seeds()).isEqualTo(2);
        assertThat(s.mean().get("vqa")).isEqualTo(61.0);
        assertThat(s.std().get("vqa")).isCloseTo(Math.sqrt(2), offset(1e-12));
        assertThat(s.std().get("gqa")).isZero();
        assertThat(s.average()).isCloseTo((70 + 72) / 2.0, offset(1e-12));
        assertThat(s.averageStd()).isCloseTo(Math.sqrt(2), offset(1e-12));
        assertThat(r.toText()).contains("61.0 ± 1.4");
        assertThat(r.table().columnNames()).contains("vqa_std", "average_std");
        r.save(dir, Map.of());
        assertThat(Files.readAllLines(dir.resolve("results.csv")).get(1)).startsWith("single-lora,5,61,50,71,102,");
        assertThat(Files.readAllLines(dir.resolve("results_per_seed.csv"))).hasSize(3)
                .first().isEqualTo("method,seed,percent_params,vqa,gqa,nlvr,caption,average,seconds");
    }

    @Test
    void settingsDifferencesNameEachKey() {
        Map<String, String> a = new LinkedHashMap<>(Map.of("epochs", "6", "methods", "single-adapter"));
        Map<String, String> b = new LinkedHashMap<>(Map.of("epochs", "2", "methods", "single-adapter", "seeds", "9595"));
        List<String> diff = new ReproduceSettings(b).differences(new ReproduceSettings(a));
        assertThat(diff).containsExactlyInAnyOrder("epochs: folder has '6', this run '2'",
                "seeds: folder has (not set), this run '9595'");
        new ReproduceSettings(a).save(dir);
        assertThat(ReproduceSettings.load(dir)).contains(new ReproduceSettings(a));
    }

    @Test
    void paperPercentIsTheCountOnThePapersBackbone() {
        assertThat(ReproduceResults.round(PaperPercent.of(MethodPreset.SINGLE_ADAPTER, ModelType.BART, Task.imageTasks()), 2))
                .isEqualTo(4.18);
        assertThat(ReproduceResults.round(PaperPercent.of(MethodPreset.SINGLE_ADAPTER, ModelType.BART, Task.videoTasks()), 2))
                .isEqualTo(3.39);
    }

    private static MethodRun run(String method, long seed, double pct, double vqa, double gqa, double nlvr, double cap, double secs) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("vqa", vqa);
        s.put("gqa", gqa);
        s.put("nlvr", nlvr);
        s.put("caption", cap);
        return new MethodRun(method, seed, pct, s, secs, 0.1, 10);
    }

    private static ReproduceResults results(List<MethodRun> runs) {
        Map<String, List<MethodRun>> by = new LinkedHashMap<>();
        runs.forEach(r -> by.computeIfAbsent(r.method(), k -> new java.util.ArrayList<>()).add(r));
        List<MethodSummary> rows = new java.util.ArrayList<>();
        List<String> keys = Benchmark.SHAPES_IMAGE.tasks().stream().map(Task::key).toList();
        by.forEach((m, rs) -> rows.add(MethodSummary.of(rs, keys, 4.18)));
        return new ReproduceResults(Benchmark.SHAPES_IMAGE, "test", rows, runs);
    }
}
