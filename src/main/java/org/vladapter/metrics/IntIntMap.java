package org.vladapter.metrics;

import java.util.Arrays;

/**
 * A small reusable open-addressing map from non-negative int keys to int values, cleared in O(1) between uses (n-gram
 * bookkeeping per sentence / per image without boxing).
 */
final class IntIntMap {

    private int[] keys;
    private int[] values;
    private int[] stamps;
    private int stamp = 1;
    private int size;
    private int mask;

    IntIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        values = new int[capacity];
        stamps = new int[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Removes every entry. */
    void clear() {
        size = 0;
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
    }

    int size() {
        return size;
    }

    /**
     * @param key a key (&ge; 0)
     * @param missing value returned when absent
     * @return the value, or {@code missing}
     */
    int get(int key, int missing) {
        int i = slot(key);
        return stamps[i] == stamp ? values[i] : missing;
    }

    /**
     * @param key a key (&ge; 0)
     * @param value its value
     */
    void put(int key, int value) {
        int i = slot(key);
        if (stamps[i] != stamp) {
            if (size + 1 > (mask + 1) / 2) {
                grow();
                i = slot(key);
            }
            stamps[i] = stamp;
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    private int slot(int key) {
        int i = mix(key) & mask;
        while (stamps[i] == stamp && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        int[] oldStamps = stamps;
        int oldStamp = stamp;
        allocate((mask + 1) * 2);
        stamp = 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldStamps[i] == oldStamp) {
                int j = slot(oldKeys[i]);
                stamps[j] = stamp;
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
                size++;
            }
        }
    }
}
