package org.vladapter.release;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the shards that {@code bench --suite parquet} was measured on (BENCHMARKS.md), only when asked:
 * {@code mvn test -Dtest=ParquetBenchShards -Dvladapter.benchShards=DIR}. Release-like layout: 1 MB pages,
 * dictionary encoding, zstd, one row group per shard; values like ReLU'd CLIP grid features (about half zeros).
 */
class ParquetBenchShards {

    @Test
    void write() throws Exception {
        String dir = System.getProperty("vladapter.benchShards");
        Assumptions.assumeTrue(dir != null, "set -Dvladapter.benchShards=DIR to write the benchmark shards");
        int rows = Integer.getInteger("vladapter.benchRows", 256);
        HubReleaseWriter w = new HubReleaseWriter().pages(1 << 30, 1 << 20, true, false);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add(String.format("COCO_train2014_%012d", i + 1));
        }
        w.writeShard(Path.of(dir, "part-00000.parquet"), ids, id -> {
            Random r = new Random(id.hashCode());
            float[][] f = new float[49][2048];
            for (float[] row : f) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) Math.max(0, r.nextGaussian() * 1.5);
                }
            }
            return f;
        });
    }
}
