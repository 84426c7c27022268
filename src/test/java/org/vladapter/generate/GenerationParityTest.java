package org.vladapter.generate;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.FixtureTensors;
import org.vladapter.nn.ForwardContext;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationParityTest {

    static long[][] ids(JsonObject io, String key) {
        var arr = io.getAsJsonArray(key);
        long[][] out = new long[arr.size()][];
        for (int i = 0; i < arr.size(); i++) {
            var row = arr.get(i).getAsJsonArray();
            out[i] = new long[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).getAsLong();
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void greedyAndBeamMatchHuggingFace(String name) throws IOException {
        JsonObject io = JsonParser.parseString(Files.readString(FixtureTensors.folder(name).resolve("io.json"))).getAsJsonObject();
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = FixtureTensors.loadModel(manager, name);
            EncoderInput input = EncoderInput.ofIds(manager.create(ids(io, "input_ids")), manager.create(ids(io, "attention_mask")));
            Generator gen = new Generator(model);
            for (boolean cache : new boolean[] {true, false}) {
                long[][] greedy = gen.generate(input, GenerationConfig.builder().maxNewTokens(8).useCache(cache).build(),
                        ForwardContext.EVAL);
                assertThat(greedy).as("greedy, cache=%s", cache).isEqualTo(ids(io, "greedy"));
                long[][] beam = gen.generate(input, GenerationConfig.builder().numBeams(3).maxNewTokens(8)
                        .earlyStopping(true).useCache(cache).build(), ForwardContext.EVAL);
                assertThat(beam).as("beam3, cache=%s", cache).isEqualTo(ids(io, "beam3"));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void t5Version11GreedyMatchesHuggingFace() throws IOException {
        String name = "t5-v1_1-tiny";
        JsonObject io = JsonParser.parseString(Files.readString(FixtureTensors.folder(name).resolve("io.json"))).getAsJsonObject();
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = FixtureTensors.loadModel(manager, name);
            assertThat(model.config().activation()).isEqualTo("gated-gelu");
            assertThat(model.config().tieWordEmbeddings()).isFalse();
            EncoderInput input = EncoderInput.ofIds(manager.create(ids(io, "input_ids")), manager.create(ids(io, "attention_mask")));
            long[][] greedy = new Generator(model).generate(input, GenerationConfig.builder().maxNewTokens(6).build(),
                    ForwardContext.EVAL);
            assertThat(greedy).isEqualTo(ids(io, "greedy"));
        }
    }
}
