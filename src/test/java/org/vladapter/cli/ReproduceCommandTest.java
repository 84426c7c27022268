package org.vladapter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.reproduce.MiniatureBenchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vladapter reproduce --quick} end to end on a miniature release (tiny BART): files, columns, score
 * ranges, resume after the finished methods, refusal of other settings in the same folder.
 */
class ReproduceCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickRunWritesTheTableFigureAndRunFoldersThenResumesAndRefusesOtherSettings() throws Exception {
        MiniatureBenchmark mini = MiniatureBenchmark.create(dir);
        Path out = dir.resolve("out");
        String[] args = {"reproduce", "--data", mini.data.toString(), "--backbone", mini.backbone.toString(),
            "--feature-type", "RN101", "--methods", "full-finetuning,single-adapter", "--quick", "--out", out.toString()};
        CliRun first = CliRun.of(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("full-finetuning", "single-adapter", "paper %", "average");
        assertThat(first.err()).contains("method 1/2 full-finetuning", "method 2/2 single-adapter", "ETA");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo("method,percent_params,vqa,gqa,nlvr,caption,average,seconds");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("full-finetuning,100,");
        assertThat(csv.get(2)).startsWith("single-adapter,");
        for (String line : csv.subList(1, 3)) {
            double[] v = Arrays.stream(line.split(",")).skip(1).mapToDouble(Double::parseDouble).toArray();
            assertThat(v[0]).isBetween(0.0, 100.0);
            for (int i = 1; i <= 3; i++) {
                assertThat(v[i]).as("accuracy column %d of %s", i, line).isBetween(0.0, 100.0);
            }
            assertThat(v[4]).as("CIDEr-D x100").isBetween(0.0, 1000.0);
            assertThat(v[5]).as("average").isCloseTo((v[1] + v[2] + v[3] + v[4]) / 4, org.assertj.core.data.Offset.offset(0.011));
            assertThat(v[6]).as("seconds").isPositive();
        }
        double adapterPercent = Double.parseDouble(csv.get(2).split(",")[1]);
        assertThat(adapterPercent).isBetween(0.01, 99.0);
        for (String f : List.of("results.html", "score_vs_params.png", "reproduce.json",
                "full-finetuning/run.json", "full-finetuning/row.json", "full-finetuning/predictions/vqa_predictions.json",
                "single-adapter/adapter/adapter_model.safetensors", "single-adapter/predictions/nlvr_submission.csv")) {
            assertThat(out.resolve(f)).as(f).exists();
        }
        assertThat(Files.readString(out.resolve("results.html"))).contains("<html", "single-adapter", "score_vs_params.png");

        // the same command again: nothing is retrained
        FileTime stamp = Files.getLastModifiedTime(out.resolve("single-adapter/row.json"));
        CliRun again = CliRun.of(args);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("2 of 2 runs already finished");
        assertThat(Files.getLastModifiedTime(out.resolve("single-adapter/row.json"))).isEqualTo(stamp);
        assertThat(Files.readAllLines(out.resolve("results.csv"))).isEqualTo(csv);

        // other settings into the same folder are refused, naming what differs
        String[] other = Arrays.copyOf(args, args.length + 2);
        other[args.length] = "--epochs";
        other[args.length + 1] = "2";
        CliRun refused = CliRun.of(other);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("other settings", "epochs: folder has '1', this run '2'", "--overwrite");
    }

    @Test
    void imageControlScoresEachTaskWithShuffledImagesAndIsPartOfTheSettings() throws Exception {
        MiniatureBenchmark mini = MiniatureBenchmark.create(dir);
        Path out = dir.resolve("control");
        String[] args = {"reproduce", "--data", mini.data.toString(), "--backbone", mini.backbone.toString(),
            "--feature-type", "RN101", "--methods", "single-adapter", "--quick", "--image-control", "--out", out.toString()};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("with shuffled images vqa");
        assertThat(run.out()).contains("shuffled_images", "image_gain");
        List<String> control = Files.readAllLines(out.resolve("image_control.csv"));
        assertThat(control.get(0)).isEqualTo("method,task,score,shuffled_images,image_gain");
        assertThat(control).hasSize(5);
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        // the miniature's GQA and caption test splits have one image each: nothing to swap, so no control
        assertThat(run.err()).contains("no image control for gqa", "no image control for caption");
        assertThat(control.get(2)).matches("single-adapter,gqa,[0-9.]+,,");
        assertThat(control.get(4)).matches("single-adapter,caption,[0-9.]+,,");
        for (int i : new int[] {1, 3}) {
            String[] c = control.get(i).split(",");
            assertThat(c[0]).isEqualTo("single-adapter");
            assertThat(c[1]).isEqualTo(List.of("vqa", "gqa", "nlvr", "caption").get(i - 1));
            double own = Double.parseDouble(c[2]);
            double shuffled = Double.parseDouble(c[3]);
            assertThat(shuffled).isBetween(0.0, c[1].equals("caption") ? 1000.0 : 100.0);
            assertThat(Double.parseDouble(c[4])).isCloseTo(own - shuffled, org.assertj.core.data.Offset.offset(0.011));
            // the control's own-image score is the results table's score of that task
            assertThat(own).isEqualTo(Double.parseDouble(results.get(1).split(",")[1 + i]));
        }
        assertThat(Files.readString(out.resolve("single-adapter/row.json"))).contains("shuffledScores");

        // the control is part of the configuration: the same folder without it is refused
        String[] without = Arrays.stream(args).filter(a -> !a.equals("--image-control")).toArray(String[]::new);
        CliRun refused = CliRun.of(without);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("image_control");
    }
}
