package org.vladapter.tasks;

import org.vladapter.train.PaperSeed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The multi-task schedule of the original {@code MultitaskLoader} ('roundrobin' sampling, docs/behaviour.md#sampling):
 * each epoch draws every batch of every task exactly once, single-task batches interleaved in a shuffled task
 * order that is rebuilt every epoch.
 *
 * <p>Task order. The original appends its task loaders in a fixed order, whatever the order of {@code --tasks}
 * ({@code multitask.py}: vqa, gqa, nlvr, caption; {@code multitask_video.py}: tvqa, how2qa, tvc, yc2c), and the
 * epoch's shuffle starts from that list. This loader therefore keeps its tasks in that canonical order (the
 * declaration order of {@link Task}), not in the order they were added: adding them in another order gives the
 * same epochs.
 *
 * <p>Randomness. The task order is the original's exactly: the task list shuffled with Python's
 * {@code random.Random(epoch)} (re-implemented bit for bit in {@link PythonRandom}) and popped from the end
 * ({@link RoundRobinTaskOrder}); like the original it depends on the epoch only, not on the seed. The items of
 * each task (PyTorch's sampler in the original) and each batch's answer sampling use {@code java.util.Random}
 * seeded from (seed, epoch). A given seed and epoch always give the same batches; different epochs give
 * different orders.
 *
 * <p>Batches are built lazily as the iterator advances; with {@code prefetch(n)} one background thread
 * builds up to n batches ahead.
 */
public final class MultitaskLoader {

    private final Map<Task, TaskLoader> loaders;
    private final long seed;
    private final boolean shuffle;
    private final int prefetch;

    private MultitaskLoader(Builder builder) {
        if (builder.loaders.isEmpty()) {
            throw new IllegalArgumentException("MultitaskLoader needs at least one task (addTask)");
        }
        // canonical order (Task's declaration order = the original's loader order), not insertion order
        Map<Task, TaskLoader> canonical = new LinkedHashMap<>();
        builder.loaders.keySet().stream().sorted().forEach(t -> canonical.put(t, builder.loaders.get(t)));
        this.loaders = Collections.unmodifiableMap(canonical);
        this.seed = builder.seed;
        this.shuffle = builder.shuffle;
        this.prefetch = builder.prefetch;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The per-task batch sizes of the released scripts for a base batch size b (docs/behaviour.md#recipe), each
     * task's {@link TaskSpec#batchSize}: VQA b, GQA int(b·100/60), NLVR2 int(b·20/60), COCO caption
     * int(b·50/60); every video task b.
     *
     * @param tasks the tasks
     * @param base the base batch size b (500 for VL-BART, 300 for VL-T5; video 50)
     * @return the batch size of each task, in the given order; at least 1 (the formulas give 0 for NLVR2 when
     *     b < 3, which the original would not survive)
     */
    public static Map<Task, Integer> paperBatchSizes(List<Task> tasks, int base) {
        Map<Task, Integer> out = new LinkedHashMap<>();
        for (Task t : tasks) {
            out.put(t, t.spec().batchSize(base));
        }
        return out;
    }

    /** @return the tasks, in the canonical order (vqa, gqa, nlvr, caption, tvqa, how2qa, tvc, yc2c) */
    public List<Task> tasks() {
        return List.copyOf(loaders.keySet());
    }

    /**
     * @param task a task of this loader
     * @return its loader
     */
    public TaskLoader loader(Task task) {
        TaskLoader loader = loaders.get(task);
        if (loader == null) {
            throw new IllegalArgumentException("task " + task.key() + " is not part of this loader " + tasks());
        }
        return loader;
    }

    /**
     * @param task a task of this loader
     * @return its batches per epoch
     */
    public int numBatches(Task task) {
        return loader(task).numBatches();
    }

    /** @return the batches per epoch over all tasks (the scheduler's steps per epoch) */
    public int numBatches() {
        return loaders.values().stream().mapToInt(TaskLoader::numBatches).sum();
    }

    /**
     * @param epoch the epoch
     * @return the task of each step of the epoch, in order
     */
    public List<Task> taskOrder(int epoch) {
        Map<String, Integer> batches = new LinkedHashMap<>();
        loaders.forEach((task, loader) -> batches.put(task.key(), loader.numBatches()));
        List<String> keys = new ArrayList<>();
        if (shuffle) {
            keys.addAll(RoundRobinTaskOrder.forEpoch(batches, epoch));
        } else {
            batches.forEach((k, n) -> keys.addAll(Collections.nCopies(n, k)));
        }
        List<Task> order = new ArrayList<>(keys.size());
        for (String k : keys) {
            order.add(Task.of(k));
        }
        return order;
    }

    /**
     * Starts an epoch. Close it when stopping early (it may own a prefetch thread).
     *
     * @param epoch the epoch (0-based)
     * @return the epoch's batches
     */
    public Epoch epoch(int epoch) {
        return new Epoch(epoch);
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The batches of one epoch, in schedule order. */
    public final class Epoch implements Iterator<Batch>, AutoCloseable {

        private final int epoch;
        private final List<Task> order;
        private final Map<Task, int[]> itemOrders = new EnumMap<>(Task.class);
        private final Map<Task, Integer> drawn = new EnumMap<>(Task.class);
        private int step;
        private final BlockingQueue<Object> queue;
        private final Thread producer;
        private volatile boolean closed;

        private Epoch(int epoch) {
            this.epoch = epoch;
            this.order = MultitaskLoader.this.taskOrder(epoch);
            for (Map.Entry<Task, TaskLoader> e : loaders.entrySet()) {
                Random random = shuffle ? new Random(mix(mix(seed, epoch), 1 + e.getKey().ordinal())) : null;
                itemOrders.put(e.getKey(), e.getValue().order(random));
                drawn.put(e.getKey(), 0);
            }
            if (prefetch > 0) {
                queue = new ArrayBlockingQueue<>(prefetch);
                producer = new Thread(this::produce, "multitask-prefetch-epoch-" + epoch);
                producer.setDaemon(true);
                producer.start();
            } else {
                queue = null;
                producer = null;
            }
        }

        /** @return the epoch number */
        public int epoch() {
            return epoch;
        }

        /** @return the number of batches of this epoch */
        public int size() {
            return order.size();
        }

        /** @return the task of each step, in order */
        public List<Task> taskOrder() {
            return order;
        }

        @Override
        public boolean hasNext() {
            return step < order.size() && !closed;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has " + order.size() + " batches");
            }
            step++;
            if (queue == null) {
                return build(step - 1);
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
            if (item instanceof RuntimeException failure) {
                closed = true;
                throw failure;
            }
            if (item instanceof Error error) {
                closed = true;
                throw error;
            }
            return (Batch) item;
        }

        private Batch build(int index) {
            Task task = order.get(index);
            int batchIndex = drawn.merge(task, 1, Integer::sum) - 1;
            Random random = new Random(mix(mix(mix(seed, epoch), 100 + task.ordinal()), batchIndex));
            return loaders.get(task).batch(itemOrders.get(task), batchIndex, random);
        }

        private void produce() {
            try {
                for (int i = 0; i < order.size() && !closed; i++) {
                    Object item;
                    try {
                        item = build(i);
                    } catch (RuntimeException | Error e) {
                        item = e;
                    }
                    queue.put(item);
                    if (!(item instanceof Batch)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops the prefetch thread, if any; the iterator then reports no more batches. */
        @Override
        public void close() {
            closed = true;
            if (producer != null) {
                producer.interrupt();
                queue.clear();
            }
        }
    }

    /** Builder of {@link MultitaskLoader}. */
    public static final class Builder {
        private final Map<Task, TaskLoader> loaders = new LinkedHashMap<>();
        private BatchCollator collator;
        private long seed = PaperSeed.VALUE;
        private boolean shuffle = true;
        private int prefetch;

        private Builder() {}

        /**
         * @param collator the collator of every task's batches
         * @return this builder
         */
        public Builder collator(BatchCollator collator) {
            this.collator = collator;
            return this;
        }

        /**
         * Adds a task (call {@link #collator} first).
         *
         * @param dataset the task's training data
         * @param batchSize its batch size (see {@link #paperBatchSizes})
         * @return this builder
         */
        public Builder addTask(TaskDataset dataset, int batchSize) {
            if (collator == null) {
                throw new IllegalStateException("call collator before addTask");
            }
            if (loaders.containsKey(dataset.task())) {
                throw new IllegalArgumentException("task " + dataset.task().key() + " added twice");
            }
            loaders.put(dataset.task(), new TaskLoader(dataset, batchSize, collator));
            return this;
        }

        /**
         * @param seed the run seed (default {@link PaperSeed#VALUE}, the original's)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param shuffle whether task order and items are shuffled each epoch (default {@code true})
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param batches batches built ahead on a background thread (default 0: built on demand)
         * @return this builder
         */
        public Builder prefetch(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("prefetch must be >= 0, got " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /** @return the loader */
        public MultitaskLoader build() {
            return new MultitaskLoader(this);
        }
    }
}
