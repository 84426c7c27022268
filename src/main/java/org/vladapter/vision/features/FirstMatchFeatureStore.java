package org.vladapter.vision.features;

import java.util.List;
import java.util.stream.Collectors;

/** Reads an id from the first of several stores that contains it. */
final class FirstMatchFeatureStore implements FeatureStore {

    private final List<FeatureStore> stores;

    FirstMatchFeatureStore(List<FeatureStore> stores) {
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("no feature stores given");
        }
        this.stores = List.copyOf(stores);
    }

    @Override
    public float[][] features(String id) {
        for (FeatureStore store : stores) {
            if (store.contains(id)) {
                return store.features(id);
            }
        }
        throw new FeatureStoreException("no features for id '" + id + "' in any of " + describe());
    }

    @Override
    public void checkShape(String id) {
        for (FeatureStore store : stores) {
            if (store.contains(id)) {
                store.checkShape(id);
                return;
            }
        }
    }

    @Override
    public boolean contains(String id) {
        return stores.stream().anyMatch(s -> s.contains(id));
    }

    @Override
    public String describe() {
        return stores.stream().map(FeatureStore::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public void close() {
        for (FeatureStore store : stores) {
            store.close();
        }
    }
}
