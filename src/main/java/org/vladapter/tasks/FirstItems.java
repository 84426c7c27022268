package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

import java.util.Random;

/** The first {@code n} items of a split, in order ({@link TaskDataset#firstItems}); items keep their indices. */
final class FirstItems implements TaskDataset {

    private final TaskDataset data;
    private final int size;

    private FirstItems(TaskDataset data, int size) {
        this.data = data;
        this.size = size;
    }

    /**
     * @param data a split
     * @param n items to keep; 0 keeps all
     * @return the split itself when it has at most {@code n} items (or n is 0), else its first n items
     */
    static TaskDataset of(TaskDataset data, int n) {
        return n <= 0 || data.size() <= n ? data : new FirstItems(data, n);
    }

    @Override
    public Task task() {
        return data.task();
    }

    @Override
    public String name() {
        return data.name() + " (first " + size + ")";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Example example(int index, Random random) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("item " + index + " of " + name());
        }
        return data.example(index, random);
    }

    @Override
    public FeatureStore featureStore() {
        return data.featureStore();
    }

    @Override
    public java.util.Optional<org.vladapter.tasks.VideoClip> videoClip(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("item " + index + " of " + name());
        }
        return data.videoClip(index);
    }
}
