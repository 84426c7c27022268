package org.vladapter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.vladapter.model.TinyVl.Tiny;
import org.vladapter.backbone.CrossAttentionRecorder;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.Task;

class CrossAttentionRecorderTest {

    @Test
    void recordsEachDecoderLayersCrossAttentionOnlyWhileOpen() {
        VlModel model = TinyVl.builder(Tiny.BART, MethodPreset.SINGLE_ADAPTER).build();
        try (NDManager ignored = model.manager()) {
            Batch vqa = TinyVl.batches(model.backbone().config()).get(Task.VQA);
            int visualTokens = vqa.visualTokens();                          // 7x7 grid pooled to 6x6
            assertThat(visualTokens).isEqualTo(36);
            int encoderLength = (int) vqa.inputIds(model.manager()).getShape().get(1) + visualTokens;
            int targetLength;
            CrossAttentionRecorder.Call first;
            try (CrossAttentionRecorder rec = CrossAttentionRecorder.start()) {
                MethodMatrixTest.logits(model, vqa);
                assertThat(rec.layers()).isEqualTo(2);                      // bart-tiny has 2 decoder layers
                assertThat(rec.calls()).hasSize(2);                         // self-attention is not recorded
                first = rec.calls().get(0);
                targetLength = (int) vqa.labels(model.manager()).getShape().get(1);
                assertThat(first.batch()).isEqualTo(2);
                assertThat(first.queries()).isEqualTo(targetLength);
                assertThat(first.keys()).isEqualTo(encoderLength);          // text tokens, then the visual tokens
                for (int b = 0; b < 2; b++) {
                    for (int t = 0; t < targetLength; t++) {
                        double sum = 0;
                        for (double w : first.row(b, t)) {
                            assertThat(w).isBetween(0.0, 1.0);
                            sum += w;
                        }
                        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
                    }
                }
                double[] visual = rec.lastPositions(1, 0, visualTokens);
                assertThat(visual).hasSize(36);
                double[] whole = rec.calls().get(1).row(0, targetLength - 1);
                assertThat(visual[35]).isEqualTo(whole[whole.length - 1]);
                assertThatThrownBy(() -> rec.lastPositions(5, 0, 36)).hasMessageContaining("decoder layer 5");
                assertThatThrownBy(() -> first.row(2, 0)).hasMessageContaining("outside");
            }
            try (CrossAttentionRecorder later = CrossAttentionRecorder.start()) {
                later.close();
                MethodMatrixTest.logits(model, vqa);
                assertThat(later.calls()).isEmpty();                        // closed: nothing recorded
            }
        }
    }
}
