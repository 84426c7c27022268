package org.vladapter.tasks;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Batches of one dataset: {@code ceil(size / batchSize)} batches (the last may be smaller, like a PyTorch
 * DataLoader without {@code drop_last}), in file order for evaluation or in a seeded per-epoch permutation
 * for training.
 */
public final class TaskLoader {

    private final TaskDataset dataset;
    private final int batchSize;
    private final BatchCollator collator;

    /**
     * @param dataset the dataset
     * @param batchSize examples per batch
     * @param collator the collator
     */
    public TaskLoader(TaskDataset dataset, int batchSize, BatchCollator collator) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size of " + dataset.name() + " must be >= 1, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.collator = collator;
    }

    /** @return the dataset */
    public TaskDataset dataset() {
        return dataset;
    }

    /** @return examples per batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return the number of batches per pass */
    public int numBatches() {
        return (dataset.size() + batchSize - 1) / batchSize;
    }

    /**
     * @param random the source of the permutation, or {@code null} for file order
     * @return the item order of one pass
     */
    public int[] order(Random random) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * @param order the item order of the pass
     * @param batchIndex 0 ≤ batchIndex &lt; numBatches()
     * @param random randomness for answer sampling
     * @return the batch of items {@code order[batchIndex·batchSize ..]}
     */
    public Batch batch(int[] order, int batchIndex, Random random) {
        int from = batchIndex * batchSize;
        if (batchIndex < 0 || from >= order.length) {
            throw new IndexOutOfBoundsException("batch " + batchIndex + " of " + dataset.name() + " (has " + numBatches() + ")");
        }
        return collator.collate(dataset, Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)), random);
    }

    /**
     * Evaluation pass: all items in file order.
     *
     * @param seed seeds the answer sampling of VQA/GQA targets (irrelevant to predictions)
     * @return the batches, built lazily
     */
    public Iterator<Batch> inOrder(long seed) {
        int[] order = order(null);
        Random random = new Random(seed);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < numBatches();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch(order, next++, random);
            }
        };
    }
}
