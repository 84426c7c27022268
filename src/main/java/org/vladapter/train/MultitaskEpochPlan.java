package org.vladapter.train;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.ToIntFunction;

/**
 * VL-Adapter's multi-task epoch: each step takes the next batch of the task chosen by
 * {@link RoundRobinTaskOrder} (every batch of every task once per epoch, task order from
 * {@code random.Random(epoch)}), one task per step, no loss weighting.
 *
 * @param <B> the batch type
 */
public final class MultitaskEpochPlan<B> implements EpochPlan<B> {

    /**
     * The batches of one task.
     *
     * @param <B> the batch type
     */
    public interface TaskData<B> {

        /** @return the number of batches per epoch (constant across epochs) */
        int batchCount();

        /**
         * @param epoch the 0-based epoch (the per-task shuffle must derive from it, as {@code set_epoch})
         * @return the task's batches for that epoch, created lazily on {@code next()}
         */
        Iterator<B> batches(int epoch);
    }

    private final Map<String, TaskData<B>> tasks;
    private final ToIntFunction<B> sizeOf;

    /**
     * @param tasks the tasks by key, in loader order (insertion-ordered)
     * @param sizeOf the number of examples in a batch (for throughput)
     */
    public MultitaskEpochPlan(Map<String, TaskData<B>> tasks, ToIntFunction<B> sizeOf) {
        this.tasks = new LinkedHashMap<>(tasks);
        this.sizeOf = sizeOf;
    }

    @Override
    public int batchesPerEpoch() {
        return tasks.values().stream().mapToInt(TaskData::batchCount).sum();
    }

    @Override
    public Iterator<TaskBatch<B>> epoch(int epoch) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tasks.forEach((k, v) -> counts.put(k, v.batchCount()));
        List<String> order = RoundRobinTaskOrder.forEpoch(counts, epoch);
        Map<String, Iterator<B>> iterators = new LinkedHashMap<>();
        return new Iterator<>() {
            private int position;

            @Override
            public boolean hasNext() {
                return position < order.size();
            }

            @Override
            public TaskBatch<B> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has " + order.size() + " batches");
                }
                String task = order.get(position);
                Iterator<B> it = iterators.computeIfAbsent(task, t -> tasks.get(t).batches(epoch));
                if (!it.hasNext()) {
                    throw new IllegalStateException(
                            "task '" + task + "' declared " + tasks.get(task).batchCount()
                                    + " batches but ran out in epoch " + epoch);
                }
                B batch = it.next();
                return new TaskBatch<>(task, position++, batch, sizeOf.applyAsInt(batch));
            }
        };
    }
}
