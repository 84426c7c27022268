package org.vladapter.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vladapter.model.TinyVl.Tiny;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.lora.LoraProjection;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.Task;
import org.vladapter.train.AdamW;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LoRA inside the real tiny backbones. The original implements LoRA for BART only; our hooks put it at the
 * same sites of T5 (q and v of encoder self-, decoder self- and cross-attention), so both are tested.
 */
class LoraIntegrationTest {

    static Stream<Arguments> cases() {
        return Stream.of(Tiny.values()).flatMap(t -> Stream.of(MethodPreset.SINGLE_LORA, MethodPreset.MULTIPLE_LORA)
                .map(p -> Arguments.of(t, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void atInitialisationLoraComputesExactlyThePlainBackbone(Tiny tiny, MethodPreset preset) {
        VlModel lora = TinyVl.builder(tiny, preset).build();
        VlModel plain = TinyVl.builder(tiny, MethodPreset.VISUAL_PROJECTION_ONLY).build();
        try (NDManager a = lora.manager(); NDManager b = plain.manager()) {
            assertThat(lora.loraHooks()).isPresent();
            // q and v of 2 encoder self-attentions, 2 decoder self- and 2 cross-attentions
            assertThat(lora.loraHooks().get().projections()).hasSize(12);
            // the same seed gives the same backbone, but LoRA's A matrices draw from the generator first, so
            // the randomly initialised rows (visual embedding, added vocabulary) are copied over
            Map<String, Parameter> target = lora.namedParameters();
            plain.namedParameters().forEach((n, p) -> {
                NDArray copy = p.getArray().duplicate();
                target.get(n).getArray().set(copy.toByteBuffer());
                copy.close();
            });
            Map<Task, Batch> batches = TinyVl.batches(lora.backbone().config());
            for (Task task : TinyVl.TASKS) {
                float[] x = MethodMatrixTest.logits(lora, batches.get(task));
                float[] y = MethodMatrixTest.logits(plain, batches.get(task));
                assertThat(maxAbsDiff(x, y)).as(task.key()).isLessThanOrEqualTo(1e-6f);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void mergedLoraMatchesUnmergedAndUnmergeRestores(Tiny tiny, MethodPreset preset) {
        VlModel model = TinyVl.builder(tiny, preset).build();
        Map<Task, Batch> batches = TinyVl.batches(model.backbone().config());
        try (NDManager ignored = model.manager(); AdamW adam = AdamW.builder().parameters(model.namedParameters()).build()) {
            for (Task task : List.of(Task.VQA, Task.GQA)) {
                MethodMatrixTest.backward(model, batches.get(task));
                adam.step(1e-2, n -> model.usesParameter(task.key(), n));
            }
            LoraProjection first = model.loraHooks().orElseThrow().projections().get(0);
            assertThat(first.b(first.routes().key("vqa")).getArray().abs().max().getFloat()).isGreaterThan(0f);
            Batch vqa = batches.get(Task.VQA);
            float[] unmerged = MethodMatrixTest.logits(model, vqa);
            model.mergeLora("vqa");
            float[] merged = MethodMatrixTest.logits(model, vqa);
            assertThat(maxAbsDiff(merged, unmerged)).isLessThanOrEqualTo(1e-5f);
            if (preset == MethodPreset.MULTIPLE_LORA) {
                assertThatThrownBy(() -> MethodMatrixTest.logits(model, batches.get(Task.GQA)))
                        .hasMessageContaining("merged for 'vqa'").hasMessageContaining("gqa");
            } else {
                MethodMatrixTest.logits(model, batches.get(Task.GQA)); // one shared pair serves every task
            }
            assertThatThrownBy(() -> model.mergeLora("vqa")).hasMessageContaining("already merged");
            model.unmergeLora();
            assertThat(maxAbsDiff(MethodMatrixTest.logits(model, vqa), unmerged)).isLessThanOrEqualTo(1e-5f);
        }
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
