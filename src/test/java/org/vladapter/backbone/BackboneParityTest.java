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

    static float maxAbsDiff(NDArray a, NDArray b) {
        assertThat(a.getShape()).isEqualTo(b.getShape());
        return a.sub(b).abs().max().getFloat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny", "t5-v1_1-tiny"})
    void forwardMatchesHuggingFace(String name) {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = FixtureTensors.loadModel(manager, name);
            FixtureTensors io = FixtureTensors.read(manager, FixtureTensors.folder(name).resolve("io.safetensors"));
            EncoderInput input = EncoderInput.ofIds(io.get("input_ids"), io.get("attention_mask"));
            EncoderOutput enc = model.encode(input, ForwardContext.EVAL);
            for (int i = 0; i < enc.hiddenStates().size(); i++) {
                assertThat(maxAbsDiff(enc.hiddenStates().get(i), io.get("encoder_hidden_" + i)))
                        .as("encoder_hidden_%d", i).isLessThan(1e-4f);
            }
            assertThat(maxAbsDiff(enc.hidden(), io.get("encoder_last_hidden_state"))).isLessThan(1e-4f);
            NDArray logits = model.decode(io.get("decoder_input_ids"), enc, null, ForwardContext.EVAL);
            assertThat(maxAbsDiff(logits, io.get("logits"))).isLessThan(1e-4f);

            if (io.names().contains("inputs_embeds")) { // the v1.1 fixture has no embeddings path
                NDArray fromEmbeds = model.forward(EncoderInput.ofEmbeds(io.get("inputs_embeds"), io.get("attention_mask")),
                        io.get("decoder_input_ids"), ForwardContext.EVAL);
                assertThat(maxAbsDiff(fromEmbeds, io.get("logits_from_embeds"))).isLessThan(1e-4f);
            }

            // HF's loss: the decoder reads the labels shifted right, -100 ignored
            NDArray labels = io.get("labels");
            NDArray shifted = model.shiftRight(labels);
            long[] l = labels.toLongArray();
            long[] d = shifted.toLongArray();
            int t = (int) labels.getShape().get(1);
            for (int i = 0; i < l.length; i++) {
                long expectedId = i % t == 0 ? model.config().decoderStartId()
                        : l[i - 1] == -100 ? model.config().padId() : l[i - 1];
                assertThat(d[i]).isEqualTo(expectedId);
            }
            NDArray shiftedLogits = model.decode(shifted, enc, null, ForwardContext.EVAL);
            float loss = org.vladapter.nn.Losses.tokenMean(shiftedLogits, labels).getFloat();
            float expected = io.get("loss").getFloat();
            assertThat(Math.abs(loss - expected) / Math.abs(expected)).as("loss %s vs %s", loss, expected).isLessThan(1e-5f);
        }
    }

    /**
     * Weights loaded by {@link Backbone#build} must own their memory: a tensor interned from an array made
     * from a Java buffer reads freed memory after a garbage collection (seen as NaN losses).
     */
    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void weightsLoadedFromFolderSurviveGarbageCollection(String name) {
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = Backbone.fromFolder(FixtureTensors.folder(name)).build(manager);
            FixtureTensors io = FixtureTensors.read(manager, FixtureTensors.folder(name).resolve("io.safetensors"));
            for (int i = 0; i < 3; i++) {
                System.gc();
                byte[][] churn = new byte[64][];
                for (int j = 0; j < churn.length; j++) {
                    churn[j] = new byte[1 << 16];
                }
                assertThat(churn[churn.length - 1]).hasSize(1 << 16);
            }
            EncoderInput input = EncoderInput.ofIds(io.get("input_ids"), io.get("attention_mask"));
            NDArray logits = model.forward(input, io.get("decoder_input_ids"), ForwardContext.EVAL);
            assertThat(maxAbsDiff(logits, io.get("logits"))).isLessThan(1e-4f);
        }
    }
}
