package org.vladapter.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vladapter.model.TinyVl.Tiny;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.Sharing;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.Task;
import org.vladapter.train.AdamW;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every paper row ({@link MethodPreset}) on both tiny backbones (BART and T5; LoRA included on T5, which the
 * original lacks but our hooks support), with multi-task batches of the four image tasks.
 *
 * <p>Gradient rule tested: after a task's backward pass, a frozen parameter has no gradient buffer at all; a
 * trainable parameter has a non-zero gradient exactly when {@link VlModel#usesParameter} says the task uses it,
 * except LoRA's A matrices: their gradient is {@code scaling · Bᵀ ∂L/∂y · x}, exactly zero while their B is
 * zero (B = 0 at initialisation), so an A counts as reached when its B is, and must be exactly zero while its
 * B is all zeros. The task sequence vqa, gqa, nlvr, caption, vqa with an AdamW step after each makes B non-zero
 * before the second vqa pass, which then checks that A receives a gradient too. One more exception, faithful to
 * the original: the weight of the box projection ({@code absolute_vis_pos_embedding.0.weight}) trains but its
 * gradient is exactly zero, because CLIP grid features come with all-zero boxes; only its bias learns.
 */
class MethodMatrixTest {

    /** The box branch of the visual embedding: it embeds all-zero boxes (CLIP grids have none). */
    static final String BOX_BRANCH = "visual_embedding.absolute_vis_pos_embedding.";

    /** Trains, but multiplies all-zero boxes: its gradient is exactly zero. */
    static final String ZERO_BOX_WEIGHT = BOX_BRANCH + "0.weight";

    static Stream<Arguments> matrix() {
        return Arrays.stream(Tiny.values())
                .flatMap(t -> Arrays.stream(MethodPreset.values()).map(p -> Arguments.of(t, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void exactlyTheRoutedTrainableParametersLearnAndFrozenOnesStayBitIdentical(Tiny tiny, MethodPreset preset) {
        boolean perTask = preset.sharing().orElse(null) == Sharing.MULTIPLE || preset.method() == Method.HYPERFORMER;
        VlModel model = TinyVl.builder(tiny, preset).build();
        try (NDManager ignored = model.manager()) {
            Map<Task, Batch> batches = TinyVl.batches(model.backbone().config());
            Map<String, Parameter> all = model.namedParameters();
            Map<String, Parameter> trainable = model.trainableParameters();
            assertThat(trainable.keySet()).isEqualTo(model.selector().select(all.keySet()));
            Map<String, float[]> frozenBefore = new LinkedHashMap<>();
            all.forEach((n, p) -> {
                if (!trainable.containsKey(n)) {
                    frozenBefore.put(n, p.getArray().toFloatArray());
                }
            });
            try (AdamW adam = AdamW.builder().parameters(all).build()) {
                assertThat(adam.trainableParameters().keySet()).isEqualTo(trainable.keySet());
                boolean aChecked = false;
                Map<Task, Set<String>> routed = new LinkedHashMap<>();
                for (Task task : List.of(Task.VQA, Task.GQA, Task.NLVR2, Task.COCO_CAPTION, Task.VQA)) {
                    Set<String> zeroB = loraPairsWithZeroB(trainable);
                    Set<String> reached = backward(model, batches.get(task));
                    routed.putIfAbsent(task, withLoraPartners(reached, zeroB));
                    for (Map.Entry<String, Parameter> e : all.entrySet()) {
                        String n = e.getKey();
                        if (!trainable.containsKey(n)) {
                            assertThat(e.getValue().getArray().hasGradient()).as("frozen %s has a gradient buffer", n).isFalse();
                            continue;
                        }
                        boolean uses = model.usesParameter(task.key(), n);
                        if (n.endsWith(ZERO_BOX_WEIGHT)) {
                            assertThat(reached).as("%s: boxes are zero", n).doesNotContain(n);
                        } else if (n.contains(BOX_BRANCH)) {
                            continue; // its norm sees a constant vector: zero gradient while the projection bias is 0
                        } else if (n.contains("lora_As") && zeroB.contains(n)) {
                            assertThat(reached).as("%s: A while B = 0", n).doesNotContain(n);
                            assertThat(reached.contains(partnerB(n))).as("%s: B of %s", task, n).isEqualTo(uses);
                        } else {
                            assertThat(reached.contains(n)).as("%s: gradient reaches %s", task, n).isEqualTo(uses);
                            aChecked |= n.contains("lora_As") && uses;
                        }
                    }
                    adam.step(1e-2, n -> model.usesParameter(task.key(), n));
                }
                // multiple: vqa and gqa reach different modules, told apart by their task segment; single: the same
                Set<String> vqa = withoutBoxBranch(routed.get(Task.VQA));
                Set<String> gqa = withoutBoxBranch(routed.get(Task.GQA));
                if (perTask) {
                    Set<String> onlyVqa = new LinkedHashSet<>(vqa);
                    onlyVqa.removeAll(gqa);
                    Set<String> onlyGqa = new LinkedHashSet<>(gqa);
                    onlyGqa.removeAll(vqa);
                    assertThat(onlyVqa).isNotEmpty().allSatisfy(n -> assertThat(n.split("\\.")).contains("vqa"));
                    assertThat(onlyGqa).isNotEmpty().allSatisfy(n -> assertThat(n.split("\\.")).contains("gqa"));
                } else {
                    assertThat(gqa).isEqualTo(vqa);
                }
                if (preset.method() == Method.LORA) {
                    assertThat(aChecked).as("a LoRA A received a gradient once its B was non-zero").isTrue();
                }
                // every task ran, so every trainable parameter has state, and nothing else has
                long trainableElements = trainable.values().stream().mapToLong(p -> p.getArray().size()).sum();
                assertThat(adam.stateBytes()).isEqualTo(8 * trainableElements);
                assertThat(adam.stepCounts().keySet()).isEqualTo(trainable.keySet());
            }
            frozenBefore.forEach((n, before) ->
                    assertThat(all.get(n).getArray().toFloatArray()).as("frozen %s after AdamW steps", n).isEqualTo(before));
            assertThat(model.parameterSummary().trainableParams())
                    .isEqualTo(TinyVl.builder(tiny, preset).parameterSummary().trainableParams());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void adapterCheckpointRoundTripReproducesOutputsExactly(Tiny tiny, MethodPreset preset, @TempDir Path dir) {
        Path ckpt = dir.resolve("adapter");
        Map<Task, float[]> trained = new LinkedHashMap<>();
        VlModel model = TinyVl.builder(tiny, preset).build();
        Map<Task, Batch> batches = TinyVl.batches(model.backbone().config());
        try (NDManager ignored = model.manager(); AdamW adam = AdamW.builder().parameters(model.namedParameters()).build()) {
            for (Task task : List.of(Task.VQA, Task.GQA)) {
                backward(model, batches.get(task));
                adam.step(1e-2, n -> model.usesParameter(task.key(), n));
            }
            List<String> saved = AdapterCheckpoint.save(model, ckpt);
            assertThat(saved).containsExactlyElementsOf(model.trainableParameters().keySet());
            for (Task task : List.of(Task.VQA, Task.NLVR2)) {
                trained.put(task, logits(model, batches.get(task)));
            }
            AdapterCheckpoint.Listing listing = AdapterCheckpoint.list(ckpt);
            assertThat(listing.table().rowCount()).isEqualTo(saved.size());
            assertThat(listing.parameters()).isEqualTo(model.parameterSummary().trainableParams());
            assertThat(listing.text()).contains(preset.method().name(), "vqa");
        }
        VlModel fresh = TinyVl.builder(tiny, preset).build();
        try (NDManager ignored = fresh.manager()) {
            assertThat(logits(fresh, batches.get(Task.VQA))).isNotEqualTo(trained.get(Task.VQA));
            AdapterCheckpoint.load(fresh, ckpt);
            for (Task task : trained.keySet()) {
                assertThat(logits(fresh, batches.get(task))).as("%s after load", task).isEqualTo(trained.get(task));
            }
        }
        VlModel rebuilt = VlAdapter.builder().fromAdapterCheckpoint(ckpt).build();
        try (NDManager ignored = rebuilt.manager()) {
            assertThat(rebuilt.method().asMap()).isEqualTo(preset.defaultConfig().asMap());
            assertThat(logits(rebuilt, batches.get(Task.NLVR2))).isEqualTo(trained.get(Task.NLVR2));
        }
    }

    // ---- helpers shared with the other VL model tests ----

    /** Runs the task's training loss backward and returns the trainable parameters whose gradient is non-zero. */
    static Set<String> backward(VlModel model, Batch batch) {
        try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray loss = model.loss(batch, ForwardContext.train(batch.task().key()));
            assertThat(Float.isFinite(loss.getFloat())).as("finite loss").isTrue();
            gc.backward(loss);
        }
        Set<String> reached = new LinkedHashSet<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            model.trainableParameters().forEach((n, p) -> {
                if (p.getArray().getGradient().abs().max().getFloat() > 0) {
                    reached.add(n);
                }
            });
        }
        return reached;
    }

    /** Eval-mode teacher-forced logits of a batch, copied out. */
    static float[] logits(VlModel model, Batch batch) {
        ForwardContext ctx = ForwardContext.eval(batch.task().key());
        try (NDManager m = model.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            EncoderDecoder ed = model.encoderDecoder();
            NDArray labels = batch.labels(m);
            return ed.forward(model.encoderInput(batch, m, ctx), ed.shiftRight(labels), ctx).toFloatArray();
        }
    }

    static void zeroGradients(Map<String, Parameter> trainable) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            trainable.values().forEach(p -> p.getArray().getGradient().muli(0));
        }
    }

    private static Set<String> loraPairsWithZeroB(Map<String, Parameter> trainable) {
        Set<String> out = new LinkedHashSet<>();
        trainable.forEach((n, p) -> {
            if (n.contains("lora_As")) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    if (trainable.get(partnerB(n)).getArray().abs().max().getFloat() == 0f) {
                        out.add(n);
                    }
                }
            }
        });
        return out;
    }

    private static String partnerB(String loraA) {
        return loraA.replace("lora_As", "lora_Bs");
    }

    private static Set<String> withoutBoxBranch(Set<String> names) {
        Set<String> out = new LinkedHashSet<>(names);
        out.removeIf(n -> n.contains(BOX_BRANCH));
        return out;
    }

    /** Adds the LoRA A matrices whose (zero) B was reached: they belong to the same route. */
    private static Set<String> withLoraPartners(Set<String> reached, Set<String> zeroB) {
        Set<String> out = new LinkedHashSet<>(reached);
        for (String a : zeroB) {
            if (reached.contains(partnerB(a))) {
                out.add(a);
            }
        }
        return out;
    }
}
