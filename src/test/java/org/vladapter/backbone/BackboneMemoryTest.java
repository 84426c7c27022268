package org.vladapter.backbone;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.generate.Generator;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repeated generation and training steps leave no arrays behind: the parameters' manager is capped (DJL
 * then refuses any new array attached to it, as an op whose first operand is a parameter would do), and
 * the batch manager holds as many arrays after 20 steps as before.
 */
class BackboneMemoryTest {

    private static final int STEPS = 20;

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void generationAndTrainingStepsAttachNothingToParametersAndFreeTheirArrays(String name) {
        try (NDManager root = NDManager.newBaseManager();
                NDManager params = root.newSubManager();
                NDManager batch = root.newSubManager()) {
            EncoderDecoder model = Backbone.fromFolder(FixtureTensors.folder(name)).build(params);
            FixtureTensors io = FixtureTensors.read(batch, FixtureTensors.folder(name).resolve("io.safetensors"));
            EncoderInput input = EncoderInput.ofIds(io.get("input_ids"), io.get("attention_mask"));
            NDArray labels = io.get("labels");
            params.cap();
            NDArray weight = model.sharedEmbedding().getArray();
            assertThatThrownBy(() -> weight.mul(2f)).as("an op on a parameter after cap()")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("capped");
            int paramArrays = params.getManagedArrays().size();
            int batchArrays = batch.getManagedArrays().size();

            Generator generator = new Generator(model);
            GenerationConfig beam = GenerationConfig.builder().numBeams(3).maxNewTokens(6).build();
            GenerationConfig greedy = GenerationConfig.builder().maxNewTokens(6).build();
            for (int step = 0; step < STEPS; step++) {
                long[][] ids = generator.generate(input, step % 2 == 0 ? beam : greedy, ForwardContext.EVAL);
                assertThat(ids).hasNumberOfRows(3);
            }
            assertThat(batch.getManagedArrays()).as("batch arrays after %d generations", STEPS).hasSize(batchArrays);

            for (int step = 0; step < STEPS; step++) {
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = model.forward(input, model.shiftRight(labels), ForwardContext.train(null));
                    NDArray loss = Losses.tokenMean(logits, labels);
                    assertThat(Float.isFinite(loss.getFloat())).isTrue();
                    gc.backward(loss);
                }
            }
            assertThat(batch.getManagedArrays()).as("batch arrays after %d training steps", STEPS).hasSize(batchArrays);
            assertThat(params.getManagedArrays()).as("parameter arrays").hasSize(paramArrays);
            assertThat(model.sharedEmbedding().getArray().hasGradient()).isTrue();
        }
    }
}
