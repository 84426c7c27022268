package org.vladapter.cli;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vladapter.backbone.BrokenCheckpoints;
import org.vladapter.io.SafeTensorsDType;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.SafeTensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vladapter forward} and {@code vladapter generate} on copies of the HF fixtures: outputs equal HF's
 * (1e-4, identical ids), and every bad input ends with exit code 1 and one line on standard error naming the
 * file and tensor, without a stack trace.
 */
class BackboneCommandsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void forwardWritesHuggingFaceOutputs(String fixture) throws IOException {
        Path model = BrokenCheckpoints.copy(fixture, tmp);
        Path out = tmp.resolve("out/forward.safetensors");
        Files.createDirectories(out.getParent());
        CliRun run = CliRun.of("forward", "--model", model.toString(), "--inputs", model.resolve("io.safetensors").toString(),
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (SafeTensorsFile written = SafeTensorsFile.open(out);
                SafeTensorsFile expected = SafeTensorsFile.open(model.resolve("io.safetensors"))) {
            assertThat(written.names()).containsExactlyInAnyOrder("logits", "encoder_last_hidden_state", "logits_from_embeds");
            for (String name : written.names()) {
                assertThat(written.dtype(name)).as(name).isEqualTo(SafeTensorsDType.F32);
                assertThat(written.shape(name)).as(name).isEqualTo(expected.shape(name));
                assertThat(maxAbsDiff(written.readFloats(name), expected.readFloats(name))).as(name).isLessThan(1e-4f);
            }
        }
        try (var files = Files.list(out.getParent())) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(out);
        }
    }

    @Test
    void forwardWithoutEmbeddingsWritesNoLogitsFromEmbeds() throws IOException {
        Path model = BrokenCheckpoints.copy("bart-tiny", tmp);
        Path inputs = inputsWithout(model, "inputs_embeds");
        Path out = tmp.resolve("out.safetensors");
        CliRun run = CliRun.of("forward", "--model", model.toString(), "--inputs", inputs.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (SafeTensorsFile written = SafeTensorsFile.open(out);
                SafeTensorsFile expected = SafeTensorsFile.open(model.resolve("io.safetensors"))) {
            assertThat(written.names()).containsExactlyInAnyOrder("logits", "encoder_last_hidden_state");
            assertThat(maxAbsDiff(written.readFloats("logits"), expected.readFloats("logits"))).isLessThan(1e-4f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void generatePrintsHuggingFaceSequences(String fixture) throws IOException {
        Path model = BrokenCheckpoints.copy(fixture, tmp);
        JsonObject io = JsonParser.parseString(Files.readString(model.resolve("io.json"))).getAsJsonObject();
        String inputs = model.resolve("io.safetensors").toString();

        CliRun greedy = CliRun.of("generate", "--model", model.toString(), "--inputs", inputs, "--num-beams", "1",
                "--max-new-tokens", "8");
        assertThat(greedy.exitCode()).as(greedy.err()).isZero();
        assertThat(greedy.out().lines().toList()).hasSize(1);
        assertThat(JsonParser.parseString(greedy.out())).isEqualTo(io.getAsJsonArray("greedy"));

        CliRun beam = CliRun.of("generate", "--model", model.toString(), "--inputs", inputs, "--num-beams", "3",
                "--max-new-tokens", "8", "--early-stopping");
        assertThat(beam.exitCode()).as(beam.err()).isZero();
        JsonArray printed = JsonParser.parseString(beam.out()).getAsJsonArray();
        assertThat(printed).isEqualTo(io.getAsJsonArray("beam3"));
    }

    // --- bad model folders, through both commands ---

    @Test
    void missingModelFolder() throws IOException {
        Path folder = BrokenCheckpoints.missingFolder(tmp).folder();
        assertFailsInBothCommands(folder, "model folder not found", folder.toString());
    }

    @Test
    void missingConfig() throws IOException {
        Path folder = BrokenCheckpoints.withoutConfig("bart-tiny", tmp).folder();
        assertFailsInBothCommands(folder, "missing config.json", folder.toString());
    }

    @Test
    void unknownModelType() throws IOException {
        Path folder = BrokenCheckpoints.withModelType("t5-tiny", tmp, "gpt2").folder();
        assertFailsInBothCommands(folder, "unknown model_type 'gpt2'", folder.resolve("config.json").toString());
    }

    @Test
    void truncatedWeights() throws IOException {
        Path folder = BrokenCheckpoints.truncatedInHeader("bart-tiny", tmp).folder();
        assertFailsInBothCommands(folder, "truncated", folder.resolve("model.safetensors").toString());
    }

    @Test
    void corruptWeightsHeader() throws IOException {
        Path folder = BrokenCheckpoints.corruptHeaderJson("t5-tiny", tmp).folder();
        assertFailsInBothCommands(folder, "corrupt safetensors header", folder.resolve("model.safetensors").toString());
    }

    @Test
    void missingWeightsTensor() throws IOException {
        BrokenCheckpoints.Broken broken = BrokenCheckpoints.withoutTensor("bart-tiny", tmp);
        assertFailsInBothCommands(broken.folder(), "missing tensor '" + broken.tensor() + "'",
                broken.folder().resolve("model.safetensors").toString());
    }

    @Test
    void weightsShapeMismatch() throws IOException {
        BrokenCheckpoints.Broken broken = BrokenCheckpoints.withTransposedTensor("t5-tiny", tmp);
        assertFailsInBothCommands(broken.folder(), "'" + broken.tensor() + "'",
                "expected shape " + broken.expected(), "found " + broken.found());
    }

    @Test
    void unknownWeightsTensor() throws IOException {
        BrokenCheckpoints.Broken broken = BrokenCheckpoints.withExtraTensor("t5-tiny", tmp);
        assertFailsInBothCommands(broken.folder(), "unknown tensor(s)", broken.tensor());
    }

    // --- bad inputs files ---

    @Test
    void missingInputsFile() throws IOException {
        Path model = BrokenCheckpoints.copy("bart-tiny", tmp);
        Path inputs = tmp.resolve("absent.safetensors");
        assertFails(CliRun.of("forward", "--model", model.toString(), "--inputs", inputs.toString(), "--out",
                tmp.resolve("o.safetensors").toString()), "file not found", inputs.toString());
        assertFails(CliRun.of("generate", "--model", model.toString(), "--inputs", inputs.toString()),
                "file not found", inputs.toString());
    }

    @Test
    void unknownTransformersRelease() throws IOException {
        Path model = BrokenCheckpoints.copy("bart-tiny", tmp);
        String inputs = model.resolve("io.safetensors").toString();
        assertFails(CliRun.of("generate", "--model", model.toString(), "--inputs", inputs, "--transformers", "4.3"),
                "--transformers must be 5 or 4.2.1", "4.3");
    }

    @Test
    void inputsWithoutDecoderInputIds() throws IOException {
        Path model = BrokenCheckpoints.copy("t5-tiny", tmp);
        Path inputs = inputsWithout(model, "decoder_input_ids");
        assertFails(CliRun.of("forward", "--model", model.toString(), "--inputs", inputs.toString(), "--out",
                tmp.resolve("o.safetensors").toString()), "no tensor 'decoder_input_ids'", inputs.toString());
    }

    @Test
    void inputsWithMisshapenMask() throws IOException {
        Path model = BrokenCheckpoints.copy("bart-tiny", tmp);
        Path inputs = tmp.resolve("bad-mask.safetensors");
        try (SafeTensorsFile io = SafeTensorsFile.open(model.resolve("io.safetensors"))) {
            Shape ids = io.shape("input_ids");
            new SafeTensorsWriter()
                    .add("input_ids", io.readLongs("input_ids"), ids)
                    .add("attention_mask", new long[(int) ids.get(0) * ((int) ids.get(1) - 1)],
                            new Shape(ids.get(0), ids.get(1) - 1))
                    .write(inputs);
            CliRun run = CliRun.of("generate", "--model", model.toString(), "--inputs", inputs.toString());
            assertFails(run, "'attention_mask'", inputs.toString(), "expected shape " + ids,
                    "found " + new Shape(ids.get(0), ids.get(1) - 1));
        }
    }

    @Test
    void inputsWithIdOutsideTheVocabulary() throws IOException {
        Path model = BrokenCheckpoints.copy("t5-tiny", tmp);
        Path inputs = tmp.resolve("bad-ids.safetensors");
        try (SafeTensorsFile io = SafeTensorsFile.open(model.resolve("io.safetensors"))) {
            long[] ids = io.readLongs("input_ids");
            ids[1] = 1_000_000;
            new SafeTensorsWriter()
                    .add("input_ids", ids, io.shape("input_ids"))
                    .add("attention_mask", io.readLongs("attention_mask"), io.shape("attention_mask"))
                    .write(inputs);
        }
        assertFails(CliRun.of("generate", "--model", model.toString(), "--inputs", inputs.toString()),
                "'input_ids'", "id 1000000 at [0, 1]", "outside the vocabulary");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path folder = BrokenCheckpoints.withoutConfig("bart-tiny", tmp).folder();
        CliRun run = CliRun.of("generate", "--verbose", "--model", folder.toString(), "--inputs",
                tmp.resolve("x.safetensors").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("vladapter: ").contains("\tat ");
    }

    private void assertFailsInBothCommands(Path model, String... expectedParts) throws IOException {
        Path inputs = BrokenCheckpoints.copy("bart-tiny", tmp.resolve("inputs")).resolve("io.safetensors");
        Path out = tmp.resolve("never-written.safetensors");
        assertFails(CliRun.of("forward", "--model", model.toString(), "--inputs", inputs.toString(), "--out",
                out.toString()), expectedParts);
        assertThat(out).doesNotExist();
        assertFails(CliRun.of("generate", "--model", model.toString(), "--inputs", inputs.toString(), "--num-beams", "2",
                "--max-new-tokens", "3"), expectedParts);
    }

    private static void assertFails(CliRun run, String... expectedParts) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        String[] lines = run.errorLines();
        assertThat(lines).as("stderr: %s", run.err()).hasSize(1);
        assertThat(lines[0]).startsWith("vladapter: ").contains(List.of(expectedParts));
        assertThat(run.err()).doesNotContain("\tat ");
    }

    /** A copy of the fixture inputs without one tensor. */
    private Path inputsWithout(Path model, String dropped) throws IOException {
        Path inputs = tmp.resolve("inputs-without-" + dropped + ".safetensors");
        try (SafeTensorsFile io = SafeTensorsFile.open(model.resolve("io.safetensors"))) {
            SafeTensorsWriter w = new SafeTensorsWriter();
            for (String name : List.of("input_ids", "attention_mask", "decoder_input_ids", "inputs_embeds")) {
                if (name.equals(dropped)) {
                    continue;
                }
                if (io.dtype(name) == SafeTensorsDType.I64) {
                    w.add(name, io.readLongs(name), io.shape(name));
                } else {
                    w.add(name, io.readFloats(name), io.shape(name));
                }
            }
            w.write(inputs);
        }
        return inputs;
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
