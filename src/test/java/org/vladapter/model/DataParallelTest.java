package org.vladapter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.Task;
import org.vladapter.train.EpochPlan;
import org.vladapter.train.ProgressBar;
import org.vladapter.train.TaskBatch;
import org.vladapter.train.Trainer;

/**
 * Data-parallel training with k replicas (here all on the CPU device, each with its own manager): every step's
 * update equals the single-model update of the whole batch within float tolerance, with shards weighted by their
 * share of the loss normaliser (5 examples into 3 shards of 2 + 2 + 1; caption token means by target tokens), and
 * with the replicas initialised differently from the main model (the trainer copies the main model's values).
 */
class DataParallelTest {

    private static VlModel model(NDManager manager, int seed) {
        return TinyVl.builder(TinyVl.Tiny.BART, MethodPreset.fromCliName("single-lora")).dropout(0f).loraDropout(0)
                .seed(seed).manager(manager).build();
    }

    private static List<TaskBatch<Batch>> steps(VlModel model) {
        TinyVl.Grids store = new TinyVl.Grids(TinyVl.FEATURE_DIM, "img1", "img2", "img3", "img4");
        List<TaskBatch<Batch>> out = new ArrayList<>();
        try (BatchCollator collator = BatchCollator.builder().encoder(new TinyVl.Words(model.config())).build()) {
            out.add(new TaskBatch<>("vqa", 0, collator.collate(List.of(
                    new Example(Task.VQA, "q1", "vqa: what is the man holding", "umbrella", 0.9f, List.of("img1"), null),
                    new Example(Task.VQA, "q2", "vqa: how many dogs are there", "two", 1f, List.of("img2"), null),
                    new Example(Task.VQA, "q3", "vqa: what", "a red umbrella", 0.3f, List.of("img3"), null),
                    new Example(Task.VQA, "q4", "vqa: is it raining today in the city", "yes", 0.6f, List.of("img4"), null),
                    new Example(Task.VQA, "q5", "vqa: where", "on the left side", 1f, List.of("img1"), null)), store), 5));
            out.add(new TaskBatch<>("caption", 1, collator.collate(List.of(
                    new Example(Task.COCO_CAPTION, "c1", "caption:", "a man riding a horse on a beach at sunset", 1f, List.of("img4"), null),
                    new Example(Task.COCO_CAPTION, "c2", "caption:", "two dogs play", 1f, List.of("img2"), null),
                    new Example(Task.COCO_CAPTION, "c3", "caption:", "a cat", 1f, List.of("img1"), null),
                    new Example(Task.COCO_CAPTION, "c4", "caption:", "a plate of food with broccoli and rice", 1f, List.of("img3"), null),
                    new Example(Task.COCO_CAPTION, "c5", "caption:", "people", 1f, List.of("img2"), null)), store), 5));
        }
        return out;
    }

    private static EpochPlan<Batch> plan(List<TaskBatch<Batch>> steps) {
        return new EpochPlan<>() {
            @Override
            public int batchesPerEpoch() {
                return steps.size();
            }

            @Override
            public Iterator<TaskBatch<Batch>> epoch(int epoch) {
                return steps.iterator();
            }
        };
    }

    private static Map<String, float[]> train(int replicas, int accumulation) {
        List<NDManager> managers = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel main = model(manager, 7);
            List<VlModel> copies = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                NDManager m = NDManager.newBaseManager(manager.getDevice());
                managers.add(m);
                copies.add(model(m, 100 + i)); // other initial values: the trainer must copy the main model's
            }
            Trainer.<Batch>builder().model(main).data(plan(steps(main))).epochs(3).learningRate(1e-3).warmupRatio(0)
                    .progress(ProgressBar.Style.QUIET).replicas(copies).gradientAccumulation(accumulation).build().fit();
            Map<String, float[]> out = new LinkedHashMap<>();
            main.namedParameters().forEach((k, p) -> {
                if (p.requiresGradient()) {
                    out.put(k, p.getArray().toFloatArray());
                }
            });
            // the replicas hold the main model's trained values after the last step
            for (VlModel c : copies) {
                c.namedParameters().forEach((k, p) -> {
                    if (p.requiresGradient()) {
                        assertThat(p.getArray().toFloatArray()).as("replica %s", k).containsExactly(out.get(k));
                    }
                });
            }
            return out;
        } finally {
            managers.forEach(NDManager::close);
        }
    }

    @Test
    void replicasGiveTheSingleModelUpdate() {
        Map<String, float[]> single = train(0, 1);
        for (int[] setting : new int[][] {{2, 1}, {1, 2}}) {
            Map<String, float[]> parallel = train(setting[0], setting[1]);
            assertThat(parallel.keySet()).isEqualTo(single.keySet());
            boolean moved = false;
            for (String name : single.keySet()) {
                float[] a = single.get(name);
                float[] b = parallel.get(name);
                for (int i = 0; i < a.length; i++) {
                    assertThat(b[i]).as("%s[%d] with %d replicas, accumulation %d", name, i, setting[0], setting[1])
                            .isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            // and training did change the parameters (LoRA B starts at zero)
            for (String name : single.keySet()) {
                if (name.contains("lora_B")) {
                    for (float v : single.get(name)) {
                        moved |= v != 0f;
                    }
                }
            }
            assertThat(moved).isTrue();
        }
    }

    @Test
    void aReplicaOfAnotherMethodIsRefused() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager other = NDManager.newBaseManager()) {
            VlModel main = model(manager, 7);
            VlModel adapter = TinyVl.builder(TinyVl.Tiny.BART, MethodPreset.fromCliName("single-adapter")).manager(other).build();
            assertThatThrownBy(() -> Trainer.<Batch>builder().model(main).data(plan(List.of())).replicas(List.of(adapter)).build())
                    .hasMessageContaining("replica 1 has other parameters than the main model");
            assertThatThrownBy(() -> Trainer.<Batch>builder().model(main).data(plan(List.of())).replicas(List.of(main)).build())
                    .hasMessageContaining("replica 1 is the main model itself");
        }
    }
}
