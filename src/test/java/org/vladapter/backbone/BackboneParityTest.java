package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vladapter.backbone.bart.BartModel;
import org.vladapter.backbone.t5.T5Model;
import org.vladapter.nn.ForwardContext;

import java.nio.file.Path;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

class BackboneParityTest {

    static EncoderDecoder load(NDManager manager, String name) {
        Path dir = FixtureTensors.folder(name);
        ModelConfig config = ModelConfig.fromFolder(dir);
        EncoderDecoder model = config.type() == ModelType.BART ? new BartModel(config) : new T5Model(config);
        model.initialize(manager, DataType.FLOAT32);
        FixtureTensors weights = FixtureTensors.read(manager, dir.resolve("model.safetensors"));
        CheckpointLoader.load(model, weights, new HashSet<>(model.namedParameters().keySet()), false);
        return model;
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        assertThat(a.getShape()).isEqualTo(b.getShape());
        return a.sub(b).abs().max().getFloat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void forwardMatchesHuggingFace(String name) {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = load(manager, name);
            FixtureTensors io = FixtureTensors.read(manager, FixtureTensors.folder(name).resolve("io.safetensors"));
            EncoderInput input = EncoderInput.ofIds(io.get("input_ids"), io.get("attention_mask"));
            EncoderOutput enc = model.encode(input, ForwardContext.EVAL);
            assertThat(maxAbsDiff(enc.hidden(), io.get("encoder_last_hidden_state"))).isLessThan(1e-4f);
            for (int i = 0; i < enc.hiddenStates().size(); i++) {
                assertThat(maxAbsDiff(enc.hiddenStates().get(i), io.get("encoder_hidden_" + i)))
                        .as("encoder_hidden_%d", i).isLessThan(1e-4f);
            }
            NDArray logits = model.decode(io.get("decoder_input_ids"), enc, null, ForwardContext.EVAL);
            assertThat(maxAbsDiff(logits, io.get("logits"))).isLessThan(1e-4f);

            NDArray fromEmbeds = model.forward(EncoderInput.ofEmbeds(io.get("inputs_embeds"), io.get("attention_mask")),
                    io.get("decoder_input_ids"), ForwardContext.EVAL);
            assertThat(maxAbsDiff(fromEmbeds, io.get("logits_from_embeds"))).isLessThan(1e-4f);
        }
    }
}
