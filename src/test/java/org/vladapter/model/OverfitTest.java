package org.vladapter.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vladapter.model.TinyVl.Tiny;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.Task;
import org.vladapter.train.AdamW;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every paper row on both tiny backbones learns: {@value #STEPS} AdamW steps (lr {@value #LR}, no dropout)
 * on one tiny caption batch shrink the loss's excess over a uniform prediction ({@code ln V}, V the VL
 * vocabulary) to at most {@value #FACTOR} of the first step's.
 *
 * <p>Why the excess and not the loss: the random {@code bart-tiny} checkpoint has a frozen LM head of
 * N(0, 0.02) weights, so every frozen-head method starts near, and cannot go far below, the uniform loss
 * ln 328 = 5.79 (first loss 6.10); full fine-tuning and the T5 rows go below it. Measured here (loaded
 * machine, 2026-12-01): BART adapters/Compacter/LoRA/Hyperformer 6.10 -> 5.82-5.85, T5 rows 6.0-6.4 -> 3.2-5.4.
 * Three BART rows change only the encoder side (prompts, the visual projection alone); through the random
 * cross-attention their loss falls by less than 1 % of the excess in {@value #STEPS} steps (6.1019 -> 6.0992), so
 * for them the test asserts only that the loss falls ({@link #ENCODER_ONLY_ON_BART}).
 */
class OverfitTest {

    static final int STEPS = 10;
    static final double LR = 5e-2;
    static final double FACTOR = 0.5;

    /** BART rows held only to a falling loss (see the class comment). */
    static final java.util.Set<MethodPreset> ENCODER_ONLY_ON_BART = java.util.EnumSet.of(
            MethodPreset.SINGLE_PROMPT, MethodPreset.MULTIPLE_PROMPTS, MethodPreset.VISUAL_PROJECTION_ONLY);

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.vladapter.model.MethodMatrixTest#matrix")
    void aTinyBatchsLossFalls(Tiny tiny, MethodPreset preset) {
        VlModel model = TinyVl.builder(tiny, preset).dropout(0f).build();
        try (NDManager ignored = model.manager();
                AdamW adam = AdamW.builder().parameters(model.namedParameters()).build()) {
            Batch batch = TinyVl.batches(model.backbone().config()).get(Task.COCO_CAPTION);
            String task = batch.task().key();
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < STEPS; step++) {
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray loss = model.loss(batch, ForwardContext.train(task));
                    last = loss.getFloat();
                    gc.backward(loss);
                }
                if (step == 0) {
                    first = last;
                }
                adam.step(LR, n -> model.usesParameter(task, n));
                adam.zeroGradients();
            }
            assertThat(first).as("first loss").isFinite().isPositive();
            double uniform = Math.log(VlAdapter.vlVocabSize(model.backbone().config(), model.tokenizer()));
            String what = String.format("%s %s: loss %s -> %s in %d steps (uniform %.3f)", tiny, preset, first, last, STEPS, uniform);
            assertThat(last).as(what).isLessThan(first);
            if (!(tiny == Tiny.BART && ENCODER_ONLY_ON_BART.contains(preset))) {
                assertThat(last - uniform).as(what).isLessThanOrEqualTo(FACTOR * (first - uniform));
            }
        }
    }
}
