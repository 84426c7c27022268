package org.vladapter.vision.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded least-recently-used cache in front of another store. Thread-safe: lookups and insertions are
 * synchronised, reads of the underlying store happen outside the lock (two threads missing on the same id
 * at once may both read it; the result is the same).
 */
public final class CachingFeatureStore implements FeatureStore {

    private final FeatureStore inner;
    private final int capacity;
    private final Map<String, float[][]> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param inner the store to read from on a miss
     * @param capacity the number of feature matrices kept (0 disables caching)
     */
    public CachingFeatureStore(FeatureStore inner, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacity);
        }
        this.inner = inner;
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[][]> eldest) {
                return size() > CachingFeatureStore.this.capacity;
            }
        };
    }

    @Override
    public float[][] features(String id) {
        if (capacity > 0) {
            synchronized (cache) {
                float[][] hit = cache.get(id);
                if (hit != null) {
                    hits.incrementAndGet();
                    return hit;
                }
            }
        }
        misses.incrementAndGet();
        float[][] value = inner.features(id);
        if (capacity > 0) {
            synchronized (cache) {
                cache.put(id, value);
            }
        }
        return value;
    }

    @Override
    public void checkShape(String id) {
        inner.checkShape(id);
    }

    @Override
    public boolean contains(String id) {
        synchronized (cache) {
            if (cache.containsKey(id)) {
                return true;
            }
        }
        return inner.contains(id);
    }

    @Override
    public String describe() {
        return inner.describe() + " (LRU cache of " + capacity + ")";
    }

    @Override
    public void close() {
        synchronized (cache) {
            cache.clear();
        }
        inner.close();
    }

    /** @return the number of reads answered from the cache */
    public long hits() {
        return hits.get();
    }

    /** @return the number of reads passed to the underlying store */
    public long misses() {
        return misses.get();
    }

    /** @return the number of entries held now */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
