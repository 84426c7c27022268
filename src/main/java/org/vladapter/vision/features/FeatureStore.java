package org.vladapter.vision.features;

import java.util.List;

/**
 * Where the visual features of images or videos are read from, by id ({@code COCO_train2014_000000458752},
 * {@code 2375429}, {@code train-10171-0-img0}, a VALUE {@code vid_name}, ...).
 *
 * <p>Implementations are thread-safe. Feature matrices are returned as rows {@code [N][F]} in float32;
 * callers must not modify them (a cache may hand the same arrays to several callers).
 */
public interface FeatureStore extends AutoCloseable {

    /**
     * Reads the features of one id.
     *
     * @param id the image or video id
     * @return the feature rows [N][F]
     * @throws FeatureStoreException naming the id and where it was looked for when it is missing,
     *     unreadable, or of the wrong shape
     */
    float[][] features(String id);

    /**
     * @param id the image or video id
     * @return whether this store has features for the id (without reading them)
     */
    boolean contains(String id);

    /**
     * Checks the shape of one id's features from the file's header only, without reading the data (fast enough
     * for every file of a release before training). Stores that cannot read a header cheaply check nothing; the
     * shape is still checked when the features are read.
     *
     * @param id an id this store {@link #contains}
     * @throws FeatureStoreException naming the id, the file, the shape found and the shape expected
     */
    default void checkShape(String id) {}

    /** @return where the features live, for messages */
    String describe();

    /** Releases open files. The default does nothing. */
    @Override
    default void close() {}

    /**
     * A store that asks each store in turn and reads from the first that has the id; useful when one data
     * split mixes feature folders (e.g. GQA {@code train,testdev}).
     *
     * @param stores the stores, in order of preference
     * @return the combined store
     */
    static FeatureStore firstOf(List<FeatureStore> stores) {
        if (stores.size() == 1) {
            return stores.get(0);
        }
        return new FirstMatchFeatureStore(stores);
    }
}
