package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A split whose examples keep their text but see another example's image ({@link TaskDataset#withShuffledImages}):
 * the control that tells how much a model reads the image. The split's distinct feature ids (images or videos)
 * are put in one random cycle and each id's features are read from the next id of the cycle, so no example keeps
 * its own image while the set of images, and so their statistics, stays the same. Deterministic for a seed.
 */
final class ShuffledImages implements TaskDataset {

    private final TaskDataset data;
    private final FeatureStore store;

    private ShuffledImages(TaskDataset data, Map<String, String> replacement) {
        this.data = data;
        FeatureStore real = data.featureStore();
        this.store = new FeatureStore() {
            @Override
            public float[][] features(String id) {
                return real.features(replacement.getOrDefault(id, id));
            }

            @Override
            public boolean contains(String id) {
                return real.contains(replacement.getOrDefault(id, id));
            }

            @Override
            public void checkShape(String id) {
                real.checkShape(replacement.getOrDefault(id, id));
            }

            @Override
            public String describe() {
                return real.describe() + " (images shuffled across the split)";
            }

            @Override
            public void close() {
                // the real store belongs to the split it came from
            }
        };
    }

    /**
     * @param data a split
     * @param seed seed of the cycle
     * @return the split with every feature id replaced by another of the split's ids
     * @throws IllegalArgumentException when the split has fewer than two distinct feature ids
     */
    static TaskDataset of(TaskDataset data, long seed) {
        Set<String> distinct = new LinkedHashSet<>();
        Random fixed = new Random(0);
        for (int i = 0; i < data.size(); i++) {
            distinct.addAll(data.example(i, fixed).featureIds());
        }
        List<String> ids = new ArrayList<>(distinct);
        if (ids.size() < 2) {
            throw new IllegalArgumentException("cannot shuffle the images of " + data.name() + ": it has "
                    + ids.size() + " distinct image id(s), at least 2 are needed");
        }
        Collections.shuffle(ids, new Random(seed));
        Map<String, String> replacement = new HashMap<>();
        for (int k = 0; k < ids.size(); k++) {
            replacement.put(ids.get(k), ids.get((k + 1) % ids.size()));
        }
        return new ShuffledImages(data, replacement);
    }

    @Override
    public Task task() {
        return data.task();
    }

    @Override
    public String name() {
        return data.name() + " (images shuffled)";
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public Example example(int index, Random random) {
        return data.example(index, random);
    }

    @Override
    public FeatureStore featureStore() {
        return store;
    }

    @Override
    public Optional<VideoClip> videoClip(int index) {
        return data.videoClip(index);
    }
}
