package org.vladapter.recipe;

import org.vladapter.tasks.Batch;
import org.vladapter.tasks.MultitaskLoader;
import org.vladapter.train.EpochPlan;
import org.vladapter.train.TaskBatch;

import java.util.Iterator;

/**
 * The trainer's view of a {@link MultitaskLoader}: each epoch, every batch of every task once, in the
 * original's round-robin order, each tagged with its task key.
 */
public final class MultitaskPlan implements EpochPlan<Batch> {

    private final MultitaskLoader loader;

    /**
     * @param loader the multi-task loader
     */
    public MultitaskPlan(MultitaskLoader loader) {
        this.loader = loader;
    }

    @Override
    public int batchesPerEpoch() {
        return loader.numBatches();
    }

    @Override
    public Iterator<TaskBatch<Batch>> epoch(int epoch) {
        MultitaskLoader.Epoch batches = loader.epoch(epoch);
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                boolean more = batches.hasNext();
                if (!more) {
                    batches.close();
                }
                return more;
            }

            @Override
            public TaskBatch<Batch> next() {
                Batch b = batches.next();
                return new TaskBatch<>(b.task().key(), index++, b, b.size());
            }
        };
    }
}
