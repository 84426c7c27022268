package org.vladapter.bench;

import org.vladapter.io.AtomicDirectories;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.ReaderOptions;
import org.vladapter.tasks.TaskLoader;
import org.vladapter.tasks.VqaDataset;
import org.vladapter.tokenize.TextEncoder;
import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.Hdf5DirectoryStore;
import org.vladapter.vision.features.Hdf5FeatureWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark of data loading: collated VQA batches (default 500 examples) read from per-image float16
 * {@code .h5} files (49, 2048) on disk, without the feature cache (the operating system's page cache stays
 * warm after the files are written, so this measures parsing, conversion, pooling and collation rather than
 * disk latency).
 *
 * <pre>
 * java -cp target/classes:... org.vladapter.tasks.DataLoadingBench [images=2000] [batch=500] [runs=5] [threads=1] [dir=...]
 * </pre>
 *
 * Prints, per run and as medians, batches/second and examples/second, plus feature reads/second alone.
 */
public final class DataLoadingBench {

    private DataLoadingBench() {}

    /**
     * @param args {@code key=value} options: images, batch, runs, threads, dir (kept when given, else a
     *     temporary folder that is deleted)
     * @throws IOException when the temporary files cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected key=value, got '" + a + "'");
            }
            opts.put(kv[0], kv[1]);
        }
        int images = Integer.parseInt(opts.getOrDefault("images", "2000"));
        int batchSize = Integer.parseInt(opts.getOrDefault("batch", "500"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "1"));
        boolean keep = opts.containsKey("dir");
        Path dir = keep ? Paths.get(opts.get("dir")) : Files.createTempDirectory("vladapter-bench");
        try {
            Path features = dir.resolve("features");
            Path annotations = dir.resolve("karpathy_train.json");
            long t0 = System.nanoTime();
            int written = writeFixture(features, annotations, images);
            System.out.printf("fixture: %d images (49x2048 float16) in %s, %d written in %.1f s%n",
                    images, dir, written, (System.nanoTime() - t0) / 1e9);

            Hdf5DirectoryStore store = new Hdf5DirectoryStore(features, FeatureShape.CLIP_RN101_GRID);
            VqaDataset data = VqaDataset.load("bench", List.of(annotations), store, ReaderOptions.defaults());
            try (BatchCollator collator = BatchCollator.builder().encoder(new HashingEncoder())
                    .featureThreads(threads).build()) {
                TaskLoader loader = new TaskLoader(data, batchSize, collator);
                double[] batchesPerSecond = new double[runs];
                double[] readsPerSecond = new double[runs];
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    int batches = 0;
                    long checksum = 0;
                    Iterator<Batch> it = loader.inOrder(run);
                    while (it.hasNext()) {
                        Batch b = it.next();
                        checksum += b.visualFeatures().length;
                        batches++;
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    batchesPerSecond[run] = batches / seconds;

                    long readStart = System.nanoTime();
                    for (int i = 0; i < images; i++) {
                        checksum += store.features(imageId(i)).length;
                    }
                    readsPerSecond[run] = images / ((System.nanoTime() - readStart) / 1e9);
                    System.out.printf("run %d: %d batches in %.2f s = %.2f batches/s, %.0f examples/s; feature reads alone %.0f files/s (checksum %d)%n",
                            run, batches, seconds, batchesPerSecond[run], data.size() / seconds, readsPerSecond[run], checksum);
                }
                double median = BenchStats.median(batchesPerSecond);
                System.out.printf("median over %d runs: %.2f batches/s of %d = %.0f examples/s; feature reads %.0f files/s (%d thread%s)%n",
                        runs, median, batchSize, median * batchSize, BenchStats.median(readsPerSecond), threads, threads == 1 ? "" : "s");
            }
        } finally {
            if (!keep) {
                AtomicDirectories.deleteTree(dir);
            }
        }
    }

    private static String imageId(int i) {
        return String.format("COCO_train2014_%012d", i);
    }

    private static int writeFixture(Path features, Path annotations, int images) throws IOException {
        Files.createDirectories(features);
        int written = 0;
        Random random = new Random(0);
        float[][] grid = new float[49][2048];
        for (int i = 0; i < images; i++) {
            Path file = features.resolve(imageId(i) + ".h5");
            if (Files.exists(file)) {
                continue;
            }
            for (float[] row : grid) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) random.nextGaussian();
                }
            }
            Hdf5FeatureWriter.writeImage(file, imageId(i), grid, Hdf5FeatureWriter.Precision.FLOAT16);
            written++;
        }
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < images; i++) {
            json.append(i == 0 ? "" : ",\n").append(String.format(
                    "{\"answer_type\": \"other\", \"img_id\": \"%s\", \"label\": {\"net\": 1, \"mesh\": 0.3}, "
                            + "\"question_id\": %d, \"question_type\": \"what is\", \"sent\": \"What is this photo number %d taken looking through?\"}",
                    imageId(i), 1000 + i, i));
        }
        Files.writeString(annotations, json.append("\n]\n"));
        return written;
    }

    /** A stand-in tokenizer (BART conventions, hashed word ids) so the benchmark needs no model files. */
    private static final class HashingEncoder implements TextEncoder {
        @Override
        public long[] encode(String text, int maxLength) {
            String[] words = text.isBlank() ? new String[0] : text.strip().split("\\s+");
            int keep = maxLength > 0 ? Math.min(words.length, maxLength - 2) : words.length;
            long[] ids = new long[keep + 2];
            ids[0] = 0;
            for (int i = 0; i < keep; i++) {
                ids[i + 1] = 3 + Math.floorMod(words[i].hashCode(), 50000);
            }
            ids[keep + 1] = 2;
            return ids;
        }

        @Override
        public String decode(long[] ids) {
            return Arrays.toString(ids);
        }

        @Override
        public long padId() {
            return 1;
        }

        @Override
        public long eosId() {
            return 2;
        }

        @Override
        public int vocabSize() {
            return 50465;
        }
    }
}
