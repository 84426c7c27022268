package org.vladapter.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vladapter params}: the paper's anchors through the command line, output formats and bad input. */
class ParamsCommandTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static JsonObject json(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    @Test
    void singleAdapterGivesThePublishedPercentages() {
        JsonObject image = json("params", "--backbone", "bart-base", "--method", "single-adapter",
                "--tasks", "vqa,gqa,nlvr,caption", "--feature-dim", "2048", "--json");
        assertThat(image.get("percent").getAsString()).isEqualTo("4.18");
        assertThat(image.get("trainable").getAsLong()).isEqualTo(6_081_600L);
        assertThat(image.get("total").getAsLong()).isEqualTo(145_606_464L);
        assertThat(image.get("percent_exact").getAsDouble()).isCloseTo(100.0 * 6_081_600 / 145_606_464, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(image.get("method").getAsString()).isEqualTo("single-adapter");
        assertThat(image.get("backbone").getAsString()).isEqualTo("bart-base");
        assertThat(image.get("feature_dim").getAsInt()).isEqualTo(2048);
        assertThat(image.getAsJsonArray("tasks")).hasSize(4);

        JsonObject video = json("params", "--backbone", "bart-base", "--method", "single-adapter",
                "--tasks", "tvqa,how2qa,tvc,yc2c", "--feature-dim", "512", "--json");
        assertThat(video.get("percent").getAsString()).isEqualTo("3.39");
        // the video default feature dimension is 512
        assertThat(json("params", "--backbone", "bart-base", "--method", "single-adapter", "--tasks", "tvqa,how2qa,tvc,yc2c",
                "--json").get("trainable")).isEqualTo(video.get("trainable"));
    }

    @Test
    void otherRowsMatchTheCodeDerivedFigures() {
        assertThat(json("params", "--backbone", "t5-base", "--method", "single-adapter", "--json").get("percent").getAsString())
                .isEqualTo("4.49");
        assertThat(json("params", "--backbone", "t5-base", "--method", "single-adapter", "--unfreeze-t5-layer-norms", "--json")
                .get("percent").getAsString()).isEqualTo("4.51");
        assertThat(json("params", "--backbone", "bart-base", "--method", "visual-projection-only", "--json")
                .get("percent").getAsString()).isEqualTo("1.12");
        assertThat(json("params", "--backbone", "bart-base", "--method", "visual-projection-layernorm", "--json")
                .get("percent").getAsString()).isEqualTo("1.16");
        JsonObject full = json("params", "--backbone", "bart-base", "--method", "full-finetuning", "--json");
        assertThat(full.get("percent").getAsString()).isEqualTo("100.00");
        assertThat(full.get("total").getAsLong()).isEqualTo(139_420_416L + 200 * 768 + 1_582_848L);
        JsonObject rank = json("params", "--backbone", "bart-base", "--method", "single-lora", "-o", "rank=64", "--json");
        JsonObject paper = json("params", "--backbone", "bart-base", "--method", "single-lora", "--json");
        assertThat(paper.get("trainable").getAsLong() - rank.get("trainable").getAsLong()).isEqualTo(36L * 64 * 2 * 768);
    }

    @Test
    void checkpointFoldersAndTheTextReport() {
        Result r = run("params", "--backbone", "src/test/resources/fixtures/hf/t5-tiny", "--method", "multiple-lora",
                "--feature-dim", "16");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("multiple-lora on src/test/resources/fixtures/hf/t5-tiny", "trainable params: ",
                "updated parameters: ", "module", "encoder.block.*.layer.*.SelfAttention.q.lora_As");
    }

    @Test
    void badInputExitsWithUsageErrorsNamingTheProblem() {
        Result unknown = run("params", "--backbone", "bart-base", "--method", "double-adapter");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown method 'double-adapter'", "single-adapter");
        Result option = run("params", "--backbone", "bart-base", "--method", "single-adapter", "-o", "rank=8");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("[rank] do not apply to method ADAPTER");
        Result unknownOption = run("params", "--backbone", "bart-base", "--method", "single-lora", "-o", "rnk=8");
        assertThat(unknownOption.err()).contains("unknown option 'rnk'");
        Result task = run("params", "--backbone", "bart-base", "--method", "single-lora", "--tasks", "vqa,okvqa");
        assertThat(task.code()).isEqualTo(2);
        assertThat(task.err()).contains("okvqa");
        Result backbone = run("params", "--backbone", "no/such/folder", "--method", "single-lora");
        assertThat(backbone.code()).isEqualTo(2);
        assertThat(backbone.err()).contains("no/such/folder");
    }
}
