package org.vladapter.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Ops;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.Task;
import org.vladapter.train.EpochPlan;
import org.vladapter.train.MicroBatch;
import org.vladapter.train.ProgressBar;
import org.vladapter.train.TaskBatch;
import org.vladapter.train.Trainer;

/**
 * Gradient accumulation: k micro-batches, each loss weighted by its share of the batch's loss normaliser
 * (examples; target tokens for the caption token mean), give the gradient and the optimiser update of the
 * whole batch. Dropout is off so that the passes are comparable.
 */
class GradientAccumulationTest {

    /** Five examples per task, with unequal loss weights and target lengths so that the normalisation matters. */
    private static Map<Task, Batch> batches(VlModel model) {
        TinyVl.Grids store = new TinyVl.Grids(TinyVl.FEATURE_DIM, "img1", "img2", "img3", "img4");
        Map<Task, Batch> out = new LinkedHashMap<>();
        try (BatchCollator collator = BatchCollator.builder().encoder(new TinyVl.Words(model.config())).build()) {
            out.put(Task.VQA, collator.collate(List.of(
                    new Example(Task.VQA, "q1", "vqa: what is the man holding", "umbrella", 0.9f, List.of("img1"), null),
                    new Example(Task.VQA, "q2", "vqa: how many dogs are there", "two", 1f, List.of("img2"), null),
                    new Example(Task.VQA, "q3", "vqa: what", "a red umbrella", 0.3f, List.of("img3"), null),
                    new Example(Task.VQA, "q4", "vqa: is it raining today in the city", "yes", 0.6f, List.of("img4"), null),
                    new Example(Task.VQA, "q5", "vqa: where", "on the left side", 1f, List.of("img1"), null)), store));
            out.put(Task.NLVR2, collator.collate(List.of(
                    new Example(Task.NLVR2, "n1", "nlvr: there are two dogs", "true", 1f, List.of("img1", "img2"), null),
                    new Example(Task.NLVR2, "n2", "nlvr: one image shows a cat", "false", 1f, List.of("img3", "img4"), null),
                    new Example(Task.NLVR2, "n3", "nlvr: a cat", "true", 1f, List.of("img2", "img4"), null),
                    new Example(Task.NLVR2, "n4", "nlvr: both images show the same beach at dusk", "false", 1f,
                            List.of("img4", "img1"), null),
                    new Example(Task.NLVR2, "n5", "nlvr: no dogs", "true", 1f, List.of("img3", "img1"), null)), store));
            out.put(Task.COCO_CAPTION, collator.collate(List.of(
                    new Example(Task.COCO_CAPTION, "c1", "caption:", "a man riding a horse on a beach at sunset", 1f, List.of("img4"), null),
                    new Example(Task.COCO_CAPTION, "c2", "caption:", "two dogs play", 1f, List.of("img2"), null),
                    new Example(Task.COCO_CAPTION, "c3", "caption:", "a cat", 1f, List.of("img1"), null),
                    new Example(Task.COCO_CAPTION, "c4", "caption:", "a plate of food with broccoli and rice", 1f, List.of("img3"), null),
                    new Example(Task.COCO_CAPTION, "c5", "caption:", "people", 1f, List.of("img2"), null)), store));
        }
        return out;
    }

    private static VlModel model(NDManager manager) {
        return TinyVl.builder(TinyVl.Tiny.BART, MethodPreset.fromCliName("single-lora")).dropout(0f).loraDropout(0).manager(manager).build();
    }

    private static Map<String, float[]> gradients(VlModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            if (a.hasGradient()) {
                out.put(e.getKey(), a.getGradient().toFloatArray());
                NDArray g = a.getGradient();
                g.subi(g);
            }
        }
        return out;
    }

    @Test
    void accumulatedMicroBatchesGiveTheWholeBatchGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel model = model(manager);
            for (Map.Entry<Task, Batch> e : batches(model).entrySet()) {
                Batch batch = e.getValue();
                ForwardContext ctx = ForwardContext.train(e.getKey().key());
                float whole;
                try (ai.djl.ndarray.NDScope s = new ai.djl.ndarray.NDScope(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = model.loss(batch, ctx);
                    whole = loss.getFloat();
                    c.backward(loss);
                }
                Map<String, float[]> expected = gradients(model);
                for (int k : new int[] {2, 3, 5}) {
                    List<MicroBatch<Batch>> parts = model.microBatches(batch, k);
                    assertThat(parts).hasSize(k);
                    assertThat(parts.stream().mapToDouble(MicroBatch::weight).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                    double accumulated = 0;
                    for (MicroBatch<Batch> part : parts) {
                        try (ai.djl.ndarray.NDScope s = new ai.djl.ndarray.NDScope();
                                GradientCollector c = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = model.loss(part.batch(), ctx);
                            accumulated += part.weight() * loss.getFloat();
                            c.backward(Ops.scale(loss, (float) part.weight()));
                        }
                    }
                    assertThat(accumulated).as("%s loss with k=%d", e.getKey(), k).isCloseTo(whole, org.assertj.core.data.Offset.offset(2e-5));
                    Map<String, float[]> got = gradients(model);
                    assertThat(got.keySet()).isEqualTo(expected.keySet());
                    for (String name : expected.keySet()) {
                        float[] a = expected.get(name);
                        float[] b = got.get(name);
                        double scale = 0;
                        for (float v : a) {
                            scale = Math.max(scale, Math.abs(v));
                        }
                        for (int i = 0; i < a.length; i++) {
                            assertThat((double) b[i]).as("%s %s[%d] k=%d", e.getKey(), name, i, k)
                                    .isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5 * Math.max(scale, 1e-3)));
                        }
                    }
                }
                // unequal examples per micro-batch (5 into 2: 3 + 2) are weighted by their share, not 1/k
                if (e.getKey() != Task.COCO_CAPTION) {
                    assertThat(model.microBatches(batch, 2).get(0).weight()).isEqualTo(0.6);
                }
            }
        }
    }

    @Test
    void trainerStepsWithAccumulationMatchWholeBatchSteps() {
        Map<String, float[]> one = train(1);
        Map<String, float[]> three = train(3);
        assertThat(three.keySet()).isEqualTo(one.keySet());
        for (String name : one.keySet()) {
            float[] a = one.get(name);
            float[] b = three.get(name);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).as("%s[%d]", name, i).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    private static Map<String, float[]> train(int accumulation) {
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel model = model(manager);
            Map<Task, Batch> batches = batches(model);
            List<TaskBatch<Batch>> steps = new ArrayList<>();
            int i = 0;
            for (Map.Entry<Task, Batch> e : batches.entrySet()) {
                steps.add(new TaskBatch<>(e.getKey().key(), i++, e.getValue(), e.getValue().size()));
            }
            EpochPlan<Batch> plan = new EpochPlan<>() {
                @Override
                public int batchesPerEpoch() {
                    return steps.size();
                }

                @Override
                public Iterator<TaskBatch<Batch>> epoch(int epoch) {
                    return steps.iterator();
                }
            };
            Trainer.<Batch>builder().model(model).data(plan).epochs(2).learningRate(1e-3).warmupRatio(0)
                    .progress(ProgressBar.Style.QUIET).gradientAccumulation(accumulation).build().fit();
            Map<String, float[]> out = new LinkedHashMap<>();
            model.namedParameters().forEach((k, p) -> {
                if (p.requiresGradient()) {
                    out.put(k, p.getArray().toFloatArray());
                }
            });
            return out;
        }
    }
}
