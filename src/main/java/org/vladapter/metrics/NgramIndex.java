package org.vladapter.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns the words and n-grams (n = 1..{@value #MAX_ORDER}) of a corpus as dense ints, so that BLEU and CIDEr-D count
 * n-grams without building tuple keys: a unigram's id comes from its word, an n-gram's id from the pair (id of its
 * (n-1)-gram prefix, its last word's id). Not thread-safe.
 */
final class NgramIndex {

    /** Highest n-gram order (BLEU-4, CIDEr n = 1..4). */
    static final int MAX_ORDER = 4;

    private final Map<String, Integer> words = new HashMap<>();
    private final LongIntMap extensions = new LongIntMap(1 << 16);
    private int size;
    private final IntIntMap scratch = new IntIntMap(256);

    /**
     * @return the number of distinct n-grams interned so far (ids are {@code 0..size()-1})
     */
    int size() {
        return size;
    }

    /**
     * The n-gram counts of a sentence in the order Python's {@code precook} first inserts them (all unigrams left to
     * right, then all bigrams, ...), which fixes the summation order of floating-point sums over a sentence.
     *
     * @param tokens the sentence's words (Python {@code str.split()})
     * @return the counts
     */
    SentenceNgrams count(List<String> tokens) {
        int len = tokens.size();
        int[] previous = new int[len];
        int[] current = new int[len];
        int total = 0;
        for (int k = 1; k <= MAX_ORDER; k++) {
            total += Math.max(0, len - k + 1);
        }
        int[] ids = new int[total];
        int[] counts = new int[total];
        int[] orderStart = new int[MAX_ORDER + 1];
        int distinct = 0;
        for (int k = 1; k <= MAX_ORDER; k++) {
            orderStart[k - 1] = distinct;
            scratch.clear();
            for (int i = 0; i + k <= len; i++) {
                int id = k == 1 ? word(tokens.get(i)) : extend(previous[i], word(tokens.get(i + k - 1)));
                current[i] = id;
                int at = scratch.get(id, -1);
                if (at < 0) {
                    scratch.put(id, distinct);
                    ids[distinct] = id;
                    counts[distinct] = 1;
                    distinct++;
                } else {
                    counts[at]++;
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        orderStart[MAX_ORDER] = distinct;
        return new SentenceNgrams(len, java.util.Arrays.copyOf(ids, distinct),
                java.util.Arrays.copyOf(counts, distinct), orderStart);
    }

    private int word(String w) {
        Integer id = words.get(w);
        if (id == null) {
            id = size++;
            words.put(w, id);
        }
        return id;
    }

    private int extend(int prefix, int last) {
        long key = ((long) prefix << 32) | (last & 0xFFFFFFFFL);
        int id = extensions.get(key);
        if (id < 0) {
            id = size++;
            extensions.put(key, id);
        }
        return id;
    }

    /**
     * Distinct n-grams of one sentence with their counts, grouped by order in first-occurrence order.
     *
     * @param length number of words
     * @param ids n-gram ids; those of order k are at {@code orderStart[k-1] .. orderStart[k]-1}
     * @param counts occurrences of each n-gram
     * @param orderStart start offsets per order, length {@code MAX_ORDER + 1}
     */
    record SentenceNgrams(int length, int[] ids, int[] counts, int[] orderStart) {}
}
