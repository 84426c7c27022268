package org.vladapter.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vladapter.vision.features.FeatureStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The multi-task schedule on synthetic in-memory datasets (features are tiny 2x2 grids). */
class MultitaskLoaderTest {

    /** A dataset of n items with ids "task-i" and a store that returns a 4x3 grid for any id. */
    private static TaskDataset synthetic(Task task, int n) {
        FeatureStore store = new FeatureStore() {
            @Override
            public float[][] features(String id) {
                return new float[4][3];
            }

            @Override
            public boolean contains(String id) {
                return true;
            }

            @Override
            public String describe() {
                return "synthetic";
            }
        };
        return new TaskDataset() {
            @Override
            public Task task() {
                return task;
            }

            @Override
            public String name() {
                return task.key() + " synthetic";
            }

            @Override
            public int size() {
                return n;
            }

            @Override
            public Example example(int index, Random random) {
                List<String> images = task == Task.NLVR2 ? List.of("a", "b") : List.of("a");
                return new Example(task, task.key() + "-" + index, "q " + index, "t" + random.nextInt(1000), 1f, images, null);
            }

            @Override
            public FeatureStore featureStore() {
                return store;
            }
        };
    }

    private static MultitaskLoader loader(long seed, int prefetch) {
        BatchCollator collator = BatchCollator.builder().encoder(new WhitespaceEncoder()).imageTokens(1).build();
        return MultitaskLoader.builder().collator(collator)
                .addTask(synthetic(Task.VQA, 23), 5)
                .addTask(synthetic(Task.GQA, 10), 4)
                .addTask(synthetic(Task.NLVR2, 3), 2)
                .seed(seed).prefetch(prefetch).build();
    }

    private static List<List<String>> drain(MultitaskLoader.Epoch epoch) {
        List<List<String>> out = new ArrayList<>();
        try (epoch) {
            while (epoch.hasNext()) {
                Batch b = epoch.next();
                List<String> ids = new ArrayList<>(b.exampleIds());
                ids.add("target:" + b.examples().get(0).targetText());
                out.add(ids);
            }
        }
        return out;
    }

    @Test
    void paperBatchSizes() {
        assertThat(MultitaskLoader.paperBatchSizes(Task.imageTasks(), 500))
                .containsExactly(Map.entry(Task.VQA, 500), Map.entry(Task.GQA, 833), Map.entry(Task.NLVR2, 166),
                        Map.entry(Task.COCO_CAPTION, 416));
        assertThat(MultitaskLoader.paperBatchSizes(Task.imageTasks(), 300))
                .containsExactly(Map.entry(Task.VQA, 300), Map.entry(Task.GQA, 500), Map.entry(Task.NLVR2, 100),
                        Map.entry(Task.COCO_CAPTION, 250));
        assertThat(MultitaskLoader.paperBatchSizes(Task.videoTasks(), 50).values()).containsOnly(50);
    }

    @Test
    void everyBatchOfEveryTaskExactlyOncePerEpoch() {
        MultitaskLoader loader = loader(9595, 0);
        assertThat(loader.numBatches(Task.VQA)).isEqualTo(5);   // ceil(23/5), last batch has 3
        assertThat(loader.numBatches(Task.GQA)).isEqualTo(3);
        assertThat(loader.numBatches(Task.NLVR2)).isEqualTo(2);
        assertThat(loader.numBatches()).isEqualTo(10);
        List<List<String>> batches = drain(loader.epoch(0));
        assertThat(batches).hasSize(10);
        Map<String, Integer> seen = new HashMap<>();
        int vqaBatches = 0;
        for (List<String> b : batches) {
            vqaBatches += b.get(0).startsWith("vqa-") ? 1 : 0;
            for (String id : b.subList(0, b.size() - 1)) {
                seen.merge(id, 1, Integer::sum);
            }
        }
        assertThat(vqaBatches).isEqualTo(5);
        assertThat(seen).hasSize(23 + 10 + 3);
        assertThat(seen.values()).containsOnly(1);
    }

    @Test
    void epochsAreReproducibleAndDiffer() {
        List<List<String>> first = drain(loader(9595, 0).epoch(3));
        assertThat(drain(loader(9595, 0).epoch(3))).isEqualTo(first);
        assertThat(drain(loader(9595, 0).epoch(4))).isNotEqualTo(first);
        assertThat(drain(loader(1, 0).epoch(3))).isNotEqualTo(first);
        MultitaskLoader l = loader(9595, 0);
        assertThat(l.taskOrder(0)).isNotEqualTo(l.taskOrder(1));
        assertThat(l.taskOrder(0)).isEqualTo(l.taskOrder(0));
    }

    @Test
    void taskOrderIsShuffledAcrossTasks() {
        List<Task> order = loader(9595, 0).taskOrder(0);
        assertThat(order).hasSize(10);
        assertThat(order.stream().filter(t -> t == Task.NLVR2).count()).isEqualTo(2);
        // not grouped by task in insertion order
        assertThat(order.subList(0, 5)).isNotEqualTo(List.of(Task.VQA, Task.VQA, Task.VQA, Task.VQA, Task.VQA));
    }

    @Test
    void prefetchGivesTheSameBatches() {
        assertThat(drain(loader(9595, 3).epoch(2))).isEqualTo(drain(loader(9595, 0).epoch(2)));
    }

    @Test
    void closingAPrefetchingEpochEarlyStopsIt() {
        MultitaskLoader.Epoch epoch = loader(9595, 2).epoch(0);
        assertThat(epoch.next()).isNotNull();
        epoch.close();
        assertThat(epoch.hasNext()).isFalse();
    }

    @Test
    void errorsOfTheProducerReachTheConsumer() {
        BatchCollator collator = BatchCollator.builder().encoder(new WhitespaceEncoder()).imageTokens(1).build();
        TaskDataset good = synthetic(Task.VQA, 4);
        TaskDataset failing = new TaskDataset() {
            @Override
            public Task task() {
                return Task.VQA;
            }

            @Override
            public String name() {
                return "failing";
            }

            @Override
            public int size() {
                return 4;
            }

            @Override
            public Example example(int index, Random random) {
                return good.example(index, random);
            }

            @Override
            public FeatureStore featureStore() {
                return new FeatureStore() {
                    @Override
                    public float[][] features(String id) {
                        throw new org.vladapter.vision.features.FeatureStoreException("no features for id '" + id + "' in test");
                    }

                    @Override
                    public boolean contains(String id) {
                        return false;
                    }

                    @Override
                    public String describe() {
                        return "failing";
                    }
                };
            }
        };
        MultitaskLoader loader = MultitaskLoader.builder().collator(collator).addTask(failing, 2).prefetch(1).build();
        try (MultitaskLoader.Epoch epoch = loader.epoch(0)) {
            assertThatThrownBy(epoch::next).hasMessageContaining("no features for id 'a'");
            assertThat(epoch.hasNext()).isFalse();
        }
        assertThatThrownBy(() -> MultitaskLoader.builder().addTask(synthetic(Task.VQA, 1), 1))
                .hasMessageContaining("collator");
    }
}
