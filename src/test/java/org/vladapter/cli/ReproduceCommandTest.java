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
}
