package org.vladapter.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.SafeTensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Regression tests from the fuzz campaign's {@code config.json} and checkpoint inputs: lenient integers, negative
 * ids and epsilons, absurd sizes, integer and float64 weights, a NaN in a tied copy.
 */
class StrictConfigTest {

    @TempDir
    Path dir;

    private static final Path BART = Path.of("src/test/resources/fixtures/hf/bart-tiny");
    private static final Path T5 = Path.of("src/test/resources/fixtures/hf/t5-tiny");

    private Path withConfig(Path fixture, String from, String to) throws IOException {
        Path folder = Files.createTempDirectory(dir, "m");
        String text = Files.readString(fixture.resolve("config.json"));
        assertThat(text).contains(from);
        Files.writeString(folder.resolve("config.json"), text.replace(from, to));
        return folder;
    }

    private void refused(Path fixture, String from, String to, String... parts) throws IOException {
        Path folder = withConfig(fixture, from, to);
        assertThatThrownBy(() -> ModelConfig.fromFolder(folder)).as(to).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(folder.resolve("config.json").toString())
                .satisfies(e -> {
                    for (String p : parts) {
                        assertThat(e.getMessage()).contains(p);
                    }
                });
    }

    @Test
    void integersMustBeExactAndInRange() throws IOException {
        refused(BART, "\"d_model\": 32", "\"d_model\": 4294967328", "'d_model'", "outside the supported range");
        refused(BART, "\"d_model\": 32", "\"d_model\": 32.5", "'d_model'", "must be an integer");
        refused(BART, "\"d_model\": 32", "\"d_model\": [32]", "'d_model'", "must be a number");
        refused(BART, "\"pad_token_id\": 1", "\"pad_token_id\": -1", "'pad_token_id'");
        refused(BART, "\"eos_token_id\": 2", "\"eos_token_id\": 128", "'eos_token_id'", "[0, 127]");
        refused(BART, "\"d_model\": 32", "\"d_model\": 30", "not divisible");
        refused(BART, "\"encoder_layers\": 2", "\"encoder_layers\": 100000", "'encoder_layers'");
        refused(BART, "\"d_model\": 32", "\"d_model\": 1e6", "'d_model'");
        refused(BART, "\"max_position_embeddings\": 64", "\"max_position_embeddings\": 64, \"max_length\": 1e9",
                "'max_length'");
        refused(BART, "\"vocab_size\": 128", "\"vocab_size\": 4000000, \"d_model\": 8192", "appears twice");
    }

    @Test
    void realsMustBeFiniteAndPositiveWhereTheModelNeedsIt() throws IOException {
        refused(T5, "\"layer_norm_epsilon\": 1e-06", "\"layer_norm_epsilon\": -1e-06", "'layer_norm_epsilon'");
        refused(T5, "\"relative_attention_max_distance\": 20", "\"relative_attention_max_distance\": 0",
                "'relative_attention_max_distance'");
        refused(T5, "\"dropout_rate\": 0.0", "\"dropout_rate\": NaN", "not strict JSON");
        refused(T5, "\"dropout_rate\": 0.0", "\"dropout_rate\": 1.0", "'dropout_rate'");
    }

    @Test
    void totalSizeIsBoundedBeforeAnythingIsAllocated() throws IOException {
        tooLarge(T5, "\"vocab_size\": 128", "\"vocab_size\": 4000000", "\"d_model\": 32", "\"d_model\": 16384");
    }

    private void tooLarge(Path fixture, String a, String b, String c, String d) throws IOException {
        Path folder = Files.createTempDirectory(dir, "m");
        Files.writeString(folder.resolve("config.json"),
                Files.readString(fixture.resolve("config.json")).replace(a, b).replace(c, d));
        assertThatThrownBy(() -> ModelConfig.fromFolder(folder)).hasMessageContaining("parameters")
                .hasMessageContaining("config.json");
    }

    @Test
    void publishedConfigsStillParse() {
        assertThat(ModelConfig.fromFolder(BART).dModel()).isEqualTo(32);
        assertThat(ModelConfig.fromFolder(T5).layerNormEps()).isEqualTo(1e-6f);
    }

    /** Copies the fixture checkpoint with one tensor rewritten. */
    private Path checkpoint(java.util.function.BiConsumer<SafeTensorsWriter, Map<String, float[]>> edit)
            throws IOException {
        Path folder = Files.createTempDirectory(dir, "ckpt");
        Files.copy(BART.resolve("config.json"), folder.resolve("config.json"));
        Map<String, float[]> tensors = new java.util.LinkedHashMap<>();
        Map<String, ai.djl.ndarray.types.Shape> shapes = new java.util.LinkedHashMap<>();
        try (SafeTensorsFile f = SafeTensorsFile.open(BART.resolve("model.safetensors"))) {
            for (String n : f.names()) {
                tensors.put(n, f.readFloats(n));
                shapes.put(n, f.shape(n));
            }
        }
        SafeTensorsWriter w = new SafeTensorsWriter();
        Map<String, float[]> rest = new java.util.LinkedHashMap<>(tensors);
        edit.accept(w, rest);
        rest.forEach((n, v) -> w.add(n, v, shapes.get(n)));
        w.write(folder.resolve("model.safetensors"));
        return folder;
    }

    @Test
    void integerWeightsAreRefusedNamingTensorAndFile() throws IOException {
        String name = "model.encoder.layers.0.fc1.weight";
        Path folder = checkpoint((w, rest) -> {
            float[] v = rest.remove(name);
            int[] ints = new int[v.length];
            w.add(name, ints, new ai.djl.ndarray.types.Shape(64, 32));
        });
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Backbone.fromFolder(folder).build(m)).hasMessageContaining(name)
                    .hasMessageContaining("model.safetensors").hasMessageContaining("I32")
                    .hasMessageContaining("must be floating point");
        }
    }

    @Test
    void float64CheckpointsRunInFloat32() throws IOException {
        Path folder = checkpoint((w, rest) -> { });
        Path f64 = Files.createTempDirectory(dir, "f64");
        Files.copy(BART.resolve("config.json"), f64.resolve("config.json"));
        try (NDManager m = NDManager.newBaseManager(); SafeTensorsFile f = SafeTensorsFile.open(
                BART.resolve("model.safetensors"))) {
            SafeTensorsWriter w = new SafeTensorsWriter();
            for (String n : f.names()) {
                w.add(n, f.load(n, m).toType(DataType.FLOAT64, false));
            }
            w.write(f64.resolve("model.safetensors"));
            EncoderDecoder a = Backbone.fromFolder(f64).build(m);
            EncoderDecoder b = Backbone.fromFolder(folder).build(m);
            for (Map.Entry<String, Parameter> e : a.namedParameters().entrySet()) {
                assertThat(e.getValue().getArray().getDataType()).as(e.getKey()).isEqualTo(DataType.FLOAT32);
                assertThat(e.getValue().getArray().toFloatArray()).as(e.getKey())
                        .containsExactly(b.namedParameters().get(e.getKey()).getArray().toFloatArray());
            }
        }
    }

    @Test
    void tiedCopyWithNanIsRefused() throws IOException {
        Path folder = checkpoint((w, rest) -> {
            float[] copy = rest.get("model.shared.weight").clone();
            copy[3] = Float.NaN;
            w.add("lm_head.weight", copy, new ai.djl.ndarray.types.Shape(128, 32));
        });
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Backbone.fromFolder(folder).build(m)).hasMessageContaining("lm_head.weight")
                    .hasMessageContaining("NaN").hasMessageContaining("model.safetensors");
        }
    }
}
