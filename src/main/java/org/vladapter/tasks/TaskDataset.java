package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

import java.util.Random;

/**
 * The items of one task and split (e.g. VQA {@code karpathy_train}), read from the original annotation
 * files, and where their visual features live.
 */
public interface TaskDataset {

    /** @return the task */
    Task task();

    /** @return a name for messages and logs, e.g. {@code vqa karpathy_train} */
    String name();

    /** @return the number of items */
    int size();

    /**
     * Builds item {@code index}. Deterministic except for VQA and GQA, whose training answer is drawn afresh
     * at every call in proportion to the answers' scores, using {@code random}.
     *
     * @param index 0 ≤ index &lt; size()
     * @param random the source of randomness for answer sampling
     * @return the example
     */
    Example example(int index, Random random);

    /** @return the store of this dataset's visual features */
    FeatureStore featureStore();

    /**
     * @param index 0 &le; index &lt; size()
     * @return the VALUE clip item {@code index} describes (TVC, YC2C); empty for other tasks
     */
    default java.util.Optional<VideoClip> videoClip(int index) {
        return java.util.Optional.empty();
    }

    /**
     * The first {@code n} items of this split, for short runs (a quick look, a smoke test, CI): a trainer,
     * loader or evaluator given the result sees only those items, with the same indices and examples.
     *
     * @param n items to keep; 0 keeps all
     * @return this split when it has at most {@code n} items (or {@code n} is 0), else a view of its first
     *     {@code n} items named {@code "<name> (first n)"}
     * @throws IllegalArgumentException when {@code n} is negative
     */
    default TaskDataset firstItems(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("firstItems of " + name() + ": n must be >= 0 (0: all), got " + n);
        }
        return FirstItems.of(this, n);
    }

    /**
     * The control for "does the model read the image": the same examples, each seeing the features of another
     * of this split's images (a random cycle over the split's distinct feature ids, so no example keeps its own
     * and the set of images is unchanged).
     *
     * @param seed seed of the cycle
     * @return this split with its images shuffled
     * @throws IllegalArgumentException when the split has fewer than two distinct images
     */
    default TaskDataset withShuffledImages(long seed) {
        return ShuffledImages.of(this, seed);
    }
}
