package org.vladapter.bench;

import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.ParquetFeatureStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Benchmark of the Parquet feature store's row access on a folder of release shards
 * ({@code part-*.parquet}): index build, rows read in a seeded random order (training's access pattern) and in
 * shard order (evaluation, {@code restore-release}), each from a fresh store so no decoded page is reused across
 * the orders. Random order is measured without the page cache too: on the full release (621k rows in 152 shards)
 * a random row almost never finds its page cached, so that line is the cost of a training read. No LRU cache
 * of matrices in front.
 */
public final class ParquetBench {

    private ParquetBench() {}

    /**
     * @param shards a folder of release shards
     * @param rows rows read per order
     * @param seed seed of the random order
     * @param out where to print
     */
    public static void run(Path shards, int rows, long seed, PrintStream out) {
        long t0 = System.nanoTime();
        ParquetFeatureStore indexed = new ParquetFeatureStore(shards, FeatureShape.UNCHECKED, null);
        List<String> ids = indexed.ids();
        out.printf("shards %s: %d rows, index built in %.2f s%n", shards, ids.size(), (System.nanoTime() - t0) / 1e9);
        int n = Math.min(rows, ids.size());
        List<String> random = new ArrayList<>(ids);
        Collections.shuffle(random, new Random(seed));
        // warm-up (JIT) on the last rows of the random order, in a store of its own
        ParquetFeatureStore warm = new ParquetFeatureStore(shards, FeatureShape.UNCHECKED, null);
        for (String id : random.subList(Math.max(n, random.size() - 20), random.size())) {
            warm.features(id);
        }
        long cache = ParquetFeatureStore.DEFAULT_PAGE_CACHE_BYTES;
        report("random, no page cache", new ParquetFeatureStore(shards, FeatureShape.UNCHECKED, null, 0), random.subList(0, n), out);
        report("random, page cache", new ParquetFeatureStore(shards, FeatureShape.UNCHECKED, null, cache), random.subList(0, n), out);
        report("shard order, page cache", new ParquetFeatureStore(shards, FeatureShape.UNCHECKED, null, cache), ids.subList(0, n), out);
    }

    private static void report(String label, ParquetFeatureStore store, List<String> ids, PrintStream out) {
        store.contains(ids.get(0)); // index outside the timing
        double[] ms = new double[ids.size()];
        double checksum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            long t = System.nanoTime();
            float[][] f = store.features(ids.get(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
            checksum += f[f.length / 2][f[0].length / 2];
        }
        double total = (System.nanoTime() - start) / 1e9;
        double[] sorted = ms.clone();
        java.util.Arrays.sort(sorted);
        out.printf("%-24s %4d rows: median %.1f ms/row, p90 %.1f ms, max %.1f ms, %.1f rows/s (checksum %.4f)%n", label,
                ids.size(), BenchStats.median(ms), sorted[(int) Math.min(sorted.length - 1, Math.round(0.9 * (sorted.length - 1)))],
                sorted[sorted.length - 1], ids.size() / total, checksum);
    }
}
