package org.vladapter.shapes.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The two pretraining objectives on word ids (no special tokens).
 *
 * <p>BART text infilling: spans with Poisson(3) lengths (at least 1) covering about 30 % of the words are each
 * replaced by one {@code <mask>}; the target is the whole sentence. T5 span corruption: spans of mean length 3
 * covering about 15 % of the words are replaced by the sentinels {@code <extra_id_0>, <extra_id_1>, ...}; the
 * target lists each sentinel followed by the words it replaced.
 */
final class Corruption {

    /**
     * An encoder input and a target (both without BOS/EOS).
     *
     * @param input corrupted ids
     * @param target target ids
     */
    record Pair(List<Long> input, List<Long> target) {}

    private Corruption() {}

    static Pair bart(List<Long> words, long maskId, Random random) {
        int n = words.size();
        boolean[] masked = new boolean[n];
        int budget = Math.max(1, (int) Math.round(0.3 * n));
        int covered = 0;
        for (int guard = 0; covered < budget && guard < 100; guard++) {
            int len = Math.max(1, Math.min(poisson(3.0, random), budget - covered));
            int start = random.nextInt(Math.max(1, n - len + 1));
            for (int i = start; i < Math.min(n, start + len); i++) {
                if (!masked[i]) {
                    masked[i] = true;
                    covered++;
                }
            }
        }
        List<Long> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!masked[i]) {
                input.add(words.get(i));
            } else if (i == 0 || !masked[i - 1]) {
                input.add(maskId);
            }
        }
        return new Pair(input, words);
    }

    static Pair t5(List<Long> words, long sentinelZeroId, Random random) {
        int n = words.size();
        boolean[] noise = new boolean[n];
        int budget = Math.max(1, (int) Math.round(0.15 * n));
        int covered = 0;
        for (int guard = 0; covered < budget && guard < 100; guard++) {
            int len = Math.max(1, Math.min(1 + random.nextInt(5), budget - covered));
            int start = random.nextInt(Math.max(1, n - len + 1));
            for (int i = start; i < Math.min(n, start + len); i++) {
                if (!noise[i]) {
                    noise[i] = true;
                    covered++;
                }
            }
        }
        List<Long> input = new ArrayList<>();
        List<Long> target = new ArrayList<>();
        int sentinel = 0;
        for (int i = 0; i < n; i++) {
            if (noise[i]) {
                if (i == 0 || !noise[i - 1]) {
                    long id = sentinelZeroId - sentinel++; // <extra_id_k> = <extra_id_0> - k
                    input.add(id);
                    target.add(id);
                }
                target.add(words.get(i));
            } else {
                input.add(words.get(i));
            }
        }
        return new Pair(input, target);
    }

    private static int poisson(double lambda, Random random) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
