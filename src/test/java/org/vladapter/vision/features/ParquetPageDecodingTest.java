package org.vladapter.vision.features;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vladapter.io.HalfFloats;
import org.vladapter.release.HubReleaseWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk page decoder gives every row exactly the values of parquet-java's value-by-value column reader and of
 * the floats written, for the page layouts of the release and around it: dictionary or plain values, v1 or v2
 * pages, rows spanning several pages or pages holding several rows, several row groups, with and without the
 * page cache, in random order.
 */
class ParquetPageDecodingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "dictionary={0} v2={1} page={2} group={3}")
    @CsvSource({
        "true, false, 1048576, 1073741824",  // the release: 1 MB dictionary pages, one row group
        "true, false, 4096, 1073741824",      // rows spanning many pages
        "false, false, 65536, 1073741824",
        "true, true, 262144, 1073741824",
        "false, true, 4096, 1073741824",
        "true, false, 16384, 65536"          // several row groups
    })
    void bulkDecodingEqualsTheColumnReader(boolean dictionary, boolean v2, int pageBytes, int rowGroupBytes) throws Exception {
        int rows = 40;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add("img" + i);
        }
        Path shardFile = dir.resolve("part-00000.parquet");
        new HubReleaseWriter().pages(rowGroupBytes, pageBytes, dictionary, v2).writeShard(shardFile, ids, ParquetPageDecodingTest::features);
        ParquetShard shard = ParquetShard.open(shardFile);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        ParquetPageCache cache = new ParquetPageCache(4 << 20);
        ParquetPageCache none = new ParquetPageCache(0);
        for (int r : order) {
            String id = ids.get(r);
            float[][] expected = rounded(features(id));
            float[][] viaReader = shard.readWithColumnReader(r, id);
            assertThat(viaReader).as("column reader, row %d", r).isDeepEqualTo(expected);
            assertThat(shard.read(r, id, cache)).as("bulk, cached, row %d", r).isDeepEqualTo(expected);
            assertThat(shard.read(r, id, none)).as("bulk, uncached, row %d", r).isDeepEqualTo(expected);
            assertThat(cache.bytes()).isLessThanOrEqualTo(4 << 20);
        }
        assertThat(none.bytes()).isZero();
        if (dictionary || !v2) { // parquet-java's v2 writer stores undictionaried FLBA as DELTA_BYTE_ARRAY: column reader
            assertThat(cache.bytes()).as("pages went through the bulk decoder and were cached").isPositive();
        }
    }

    /** Values with repeats (so dictionaries are used), zeros, negatives, subnormal and large halves. */
    static float[][] features(String id) {
        Random r = new Random(id.hashCode());
        float[][] f = new float[49][64];
        for (float[] row : f) {
            for (int j = 0; j < row.length; j++) {
                double g = r.nextGaussian();
                row[j] = j % 17 == 0 ? 3e-6f : j % 23 == 0 ? -60000f : (float) Math.max(-0.5, g * 2);
            }
        }
        return f;
    }

    private static float[][] rounded(float[][] f) {
        float[][] out = new float[f.length][f[0].length];
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < f[i].length; j++) {
                out[i][j] = HalfFloats.halfToFloat(HalfFloats.floatToHalf(f[i][j]));
            }
        }
        return out;
    }
}
