package org.vladapter.backbone;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vladapter.backbone.bart.BartModel;
import org.vladapter.backbone.t5.T5Model;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Losses;

import static org.assertj.core.api.Assertions.assertThat;

/** The published bart-base and t5-base configurations build and train on CPU (random weights). */
class PresetTest {

    @ParameterizedTest
    @ValueSource(strings = {"bart-base", "t5-base"})
    void presetRunsForwardAndBackward(String preset) {
        ModelConfig config = ModelConfig.preset(preset);
        long expectedParams = preset.equals("bart-base") ? 139_420_416L : 222_903_552L;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            EncoderDecoder model = config.type() == ModelType.BART ? new BartModel(config) : new T5Model(config);
            model.initialize(manager, DataType.FLOAT32);
            long total = model.namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(total).as("parameter count of %s (HF num_parameters)", preset).isEqualTo(expectedParams);

            NDArray ids = manager.randomInteger(3, 1000, new Shape(2, 12), DataType.INT64);
            NDArray mask = manager.ones(new Shape(2, 12), DataType.INT64);
            NDArray labels = manager.randomInteger(3, 1000, new Shape(2, 5), DataType.INT64);
            Parameter probe = model.namedParameters().values().iterator().next();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(EncoderInput.ofIds(ids, mask), model.shiftRight(labels), ForwardContext.train(null));
                assertThat(logits.getShape()).isEqualTo(new Shape(2, 5, config.vocabSize()));
                NDArray loss = Losses.tokenMean(logits, labels);
                assertThat(Float.isFinite(loss.getFloat())).isTrue();
                gc.backward(loss);
            }
            assertThat(probe.getArray().getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }
}
