package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Base of the readers: a list of parsed annotation items, turned into {@link Example}s on demand.
 *
 * @param <T> the parsed item type
 */
abstract class ItemDataset<T> implements TaskDataset {

    private final Task task;
    private final String name;
    private final List<T> items;
    private final FeatureStore featureStore;

    /**
     * @param task the task
     * @param split the split name(s), for messages
     * @param files the annotation files read, for messages
     * @param items the parsed items
     * @param featureStore where the visual features live
     * @throws AnnotationException naming the files when there are no items
     */
    ItemDataset(Task task, String split, List<Path> files, List<T> items, FeatureStore featureStore) {
        this.task = task;
        this.name = task.key() + " " + split;
        this.items = List.copyOf(items);
        this.featureStore = Objects.requireNonNull(featureStore, "featureStore");
        if (items.isEmpty()) {
            throw new AnnotationException(
                    "split '" + split + "' of task " + task.key() + " has no items in "
                            + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
    }

    @Override
    public final Task task() {
        return task;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int size() {
        return items.size();
    }

    @Override
    public final FeatureStore featureStore() {
        return featureStore;
    }

    @Override
    public final Example example(int index, Random random) {
        return build(items.get(Objects.checkIndex(index, items.size())), random);
    }

    /** @return the parsed items */
    final List<T> items() {
        return items;
    }

    /**
     * @param item a parsed item
     * @param random randomness for answer sampling
     * @return the example
     */
    abstract Example build(T item, Random random);

    @Override
    public String toString() {
        return name + " (" + items.size() + " items)";
    }
}
