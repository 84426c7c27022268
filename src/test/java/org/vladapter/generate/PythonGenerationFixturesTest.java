package org.vladapter.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.FixtureTensors;
import org.vladapter.nn.Buffer;
import org.vladapter.nn.ForwardContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Generator} against HF {@code generate()} (transformers 5.17) under the settings of
 * {@code fixtures/python/generation_fixtures.json}: minimum length, n-gram blocking, length penalties 2.0 and
 * 0.5, early stopping on and off, {@code max_length} with forced EOS, on both tiny checkpoints as saved and
 * on a copy edited so that EOS is actually chosen (where the handling of finished beams shows).
 */
class PythonGenerationFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/python/generation_fixtures.json");

    private static JsonObject models;

    @BeforeAll
    static void readFixtures() throws IOException {
        models = JsonParser.parseString(Files.readString(FIXTURES)).getAsJsonObject().getAsJsonObject("models");
    }

    static List<Arguments> cases() throws IOException {
        JsonObject m = JsonParser.parseString(Files.readString(FIXTURES)).getAsJsonObject().getAsJsonObject("models");
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, JsonElement> model : m.entrySet()) {
            JsonObject md = model.getValue().getAsJsonObject();
            for (String variant : new String[] {"as_saved", "eos_variant"}) {
                JsonObject settings = variant.equals("as_saved") ? md.getAsJsonObject("settings")
                        : md.getAsJsonObject("eos_variant").getAsJsonObject("settings");
                for (String setting : settings.keySet()) {
                    out.add(Arguments.of(model.getKey(), variant, setting));
                }
            }
        }
        assertThat(out).hasSize(28);
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void sequencesAndScoresMatchHuggingFace(String modelKey, String variant, String setting) {
        JsonObject md = models.getAsJsonObject(modelKey);
        JsonObject expected = (variant.equals("as_saved") ? md.getAsJsonObject("settings")
                : md.getAsJsonObject("eos_variant").getAsJsonObject("settings")).getAsJsonObject(setting);
        String folder = Path.of(md.get("checkpoint").getAsString()).getFileName().toString();
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = FixtureTensors.loadModel(manager, folder);
            if (variant.equals("eos_variant")) {
                applyEdit(model, md.getAsJsonObject("eos_variant").getAsJsonObject("edit"));
            }
            EncoderInput input = EncoderInput.ofIds(manager.create(ids(md.getAsJsonArray("input_ids"))),
                    manager.create(ids(md.getAsJsonArray("attention_mask"))));
            for (boolean cache : new boolean[] {true, false}) {
                GenerationConfig c = builder(expected.getAsJsonObject("kwargs"), model).useCache(cache).build();
                GenerationOutput result = new Generator(model).generateWithScores(input, c, ForwardContext.EVAL);
                assertThat(result.sequences()).as("sequences, cache=%s", cache)
                        .isEqualTo(ids(expected.getAsJsonArray("sequences")));
                if (expected.has("sequences_scores")) {
                    JsonArray scores = expected.getAsJsonArray("sequences_scores");
                    assertThat(result.sequencesScores()).hasSize(scores.size());
                    for (int i = 0; i < scores.size(); i++) {
                        assertThat(result.sequencesScores()[i]).as("sequences_scores[%d], cache=%s", i, cache)
                                .isCloseTo(scores.get(i).getAsFloat(), within(1e-4f));
                    }
                } else {
                    assertThat(result.sequencesScores()).isNull();
                }
            }
        }
    }

    /** The HF kwargs as a builder; every key that changes decoding is read, so a new one fails here. */
    private static GenerationConfig.Builder builder(JsonObject kwargs, EncoderDecoder model) {
        assertThat(kwargs.get("do_sample").getAsBoolean()).isFalse();
        assertThat(kwargs.get("repetition_penalty").getAsFloat()).isEqualTo(1f);
        assertThat(kwargs.get("decoder_start_token_id").getAsLong()).isEqualTo(model.config().decoderStartId());
        assertThat(kwargs.get("eos_token_id").getAsLong()).isEqualTo(model.config().eosId());
        assertThat(kwargs.get("pad_token_id").getAsLong()).isEqualTo(model.config().padId());
        GenerationConfig.Builder b = GenerationConfig.builder()
                .numBeams(kwargs.get("num_beams").getAsInt())
                .minLength(kwargs.get("min_length").getAsInt())
                .lengthPenalty(kwargs.get("length_penalty").getAsFloat())
                .earlyStopping(kwargs.get("early_stopping").getAsBoolean())
                .noRepeatNgramSize(kwargs.get("no_repeat_ngram_size").getAsInt());
        if (kwargs.has("max_length")) {
            b.maxLength(kwargs.get("max_length").getAsInt());
        }
        if (kwargs.has("max_new_tokens")) {
            b.maxNewTokens(kwargs.get("max_new_tokens").getAsInt());
        }
        JsonElement forced = kwargs.get("forced_eos_token_id");
        if (forced != null && !forced.isJsonNull()) {
            b.forcedEosId(forced.getAsLong());
        }
        return b;
    }

    /** The fixture's checkpoint edit: {@code set} one element of a buffer, or {@code scale_row} of a parameter. */
    private static void applyEdit(EncoderDecoder model, JsonObject edit) {
        String tensor = edit.get("tensor").getAsString();
        String op = edit.get("op").getAsString();
        float value = edit.get("value").getAsFloat();
        JsonArray index = edit.getAsJsonArray("index");
        if (op.equals("set")) {
            Buffer buffer = model.namedBuffers().get(tensor);
            assertThat(buffer).as("buffer %s", tensor).isNotNull();
            NDArray a = buffer.array();
            float[] values = a.toFloatArray();
            long[] shape = a.getShape().getShape();
            int flat = 0;
            for (int d = 0; d < shape.length; d++) {
                flat = flat * (int) shape[d] + index.get(d).getAsInt();
            }
            values[flat] = value;
            buffer.set(a.getManager().create(values, a.getShape()));
        } else if (op.equals("scale_row")) {
            NDArray a = model.namedParameters().get(tensor).getArray();
            float[] values = a.toFloatArray();
            int width = (int) a.getShape().get(1);
            int row = index.get(0).getAsInt();
            for (int j = 0; j < width; j++) {
                values[row * width + j] *= value;
            }
            a.set(values);
        } else {
            throw new IllegalArgumentException("unknown edit op " + op);
        }
    }

    private static long[][] ids(JsonArray rows) {
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            out[i] = new long[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).getAsLong();
            }
        }
        return out;
    }
}
