package org.vladapter.tasks;

import org.vladapter.tokenize.TextEncoder;
import org.vladapter.vision.GridPooling;
import org.vladapter.vision.features.FeatureStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns examples into a {@link Batch}: tokenises inputs and targets with the task's truncation lengths
 * ({@link Task#maxInputLength()}, {@link Task#maxTargetLength()}), pads to the batch maximum, reads the
 * visual features and pools them as the model expects (one image: 7x7 → 6x6 = 36 tokens; NLVR2: each image
 * separately, 72; video: zero-pad or max-pool over time to 64 frames), and fills the order ids.
 *
 * <p>Feature reads can run on a small thread pool ({@code optFeatureThreads}); the collator is then {@link
 * AutoCloseable}. Collation is otherwise stateless and safe to call from several threads.
 */
public final class BatchCollator implements AutoCloseable {

    private final TextEncoder encoder;
    private final int imageSide;
    private final int videoFrames;
    private final ExecutorService pool;

    private BatchCollator(Builder builder) {
        if (builder.encoder == null) {
            throw new IllegalArgumentException("BatchCollator needs a TextEncoder (setEncoder)");
        }
        this.encoder = builder.encoder;
        this.imageSide = GridPooling.squareSide(builder.imageTokens);
        this.videoFrames = builder.videoFrames;
        this.pool = builder.featureThreads > 1
                ? Executors.newFixedThreadPool(builder.featureThreads, r -> {
                    Thread t = new Thread(r, "feature-reader");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the examples at {@code indices} of a dataset and collates them.
     *
     * @param dataset the dataset
     * @param indices item indices
     * @param random randomness for VQA/GQA answer sampling
     * @return the batch
     */
    public Batch collate(TaskDataset dataset, int[] indices, Random random) {
        List<Example> examples = new ArrayList<>(indices.length);
        for (int i : indices) {
            examples.add(dataset.example(i, random));
        }
        return collate(examples, dataset.featureStore());
    }

    /**
     * Collates examples of one task.
     *
     * @param examples the examples (at least one, all of the same task)
     * @param store where their visual features live
     * @return the batch
     * @throws IllegalArgumentException when the examples mix tasks, or labelled and unlabelled items
     * @throws org.vladapter.vision.features.FeatureStoreException when a feature is missing or misshapen
     */
    public Batch collate(List<Example> examples, FeatureStore store) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty batch");
        }
        Task task = examples.get(0).task();
        int withTargets = 0;
        for (Example e : examples) {
            if (e.task() != task) {
                throw new IllegalArgumentException(
                        "batch mixes tasks: " + task.key() + " and " + e.task().key() + " (example " + e.id() + ")");
            }
            withTargets += e.hasTarget() ? 1 : 0;
        }
        if (withTargets != 0 && withTargets != examples.size()) {
            throw new IllegalArgumentException(task.key() + " batch mixes labelled and unlabelled examples");
        }
        int b = examples.size();

        long[][] inputs = new long[b][];
        for (int i = 0; i < b; i++) {
            inputs[i] = encoder.encode(examples.get(i).inputText(), task.maxInputLength());
        }
        int[] inputLengths = new int[b];
        long[][] inputIds = pad(inputs, encoder.padId(), inputLengths);

        long[][] targetIds = null;
        long[][] labels = null;
        if (withTargets > 0) {
            long[][] targets = new long[b][];
            for (int i = 0; i < b; i++) {
                targets[i] = encoder.encode(examples.get(i).targetText(), task.maxTargetLength());
            }
            targetIds = pad(targets, encoder.padId(), new int[b]);
            labels = new long[b][];
            for (int i = 0; i < b; i++) {
                labels[i] = targetIds[i].clone();
                for (int t = 0; t < labels[i].length; t++) {
                    if (labels[i][t] == encoder.padId()) {
                        labels[i][t] = Batch.IGNORE_INDEX;
                    }
                }
            }
        }
        float[] weights = new float[b];
        for (int i = 0; i < b; i++) {
            weights[i] = examples.get(i).lossWeight();
        }

        float[][][] visual = readVisual(task, examples, store);
        int v = visual[0].length;
        int f = visual[0][0].length;
        float[] flat = new float[b * v * f];
        for (int i = 0; i < b; i++) {
            if (visual[i].length != v || visual[i][0].length != f) {
                throw new IllegalArgumentException("example " + examples.get(i).id() + " " + examples.get(i).featureIds()
                        + " has " + visual[i].length + "x" + visual[i][0].length + " visual tokens, example "
                        + examples.get(0).id() + " has " + v + "x" + f);
            }
            for (int t = 0; t < v; t++) {
                System.arraycopy(visual[i][t], 0, flat, (i * v + t) * f, f);
            }
        }
        long[][] imageOrder = new long[b][];
        long[][] objectOrder = new long[b][];
        int images = task.modality() == Task.Modality.IMAGE ? examples.get(0).featureIds().size() : 1;
        int perImage = v / images;
        for (int i = 0; i < b; i++) {
            imageOrder[i] = new long[v];
            objectOrder[i] = new long[v];
            for (int t = 0; t < v; t++) {
                imageOrder[i][t] = t / perImage;
                objectOrder[i][t] = t % perImage;
            }
        }
        return new Batch(task, examples, inputIds, inputLengths, targetIds, labels, weights, flat, v, f,
                imageOrder, objectOrder);
    }

    /**
     * The pooled visual tokens of one example: each image pooled to the configured grid and concatenated, or
     * the video resized to the configured frame count.
     *
     * @param example the example
     * @param store where its features live
     * @return tokens [V][F]
     */
    public float[][] visualTokens(Example example, FeatureStore store) {
        List<String> ids = example.featureIds();
        if (example.task().modality() == Task.Modality.VIDEO) {
            float[][] frames = store.features(ids.get(0));
            int f = frames.length == 0 ? 0 : frames[0].length;
            if (frames.length == 0) {
                throw new IllegalArgumentException("video '" + ids.get(0) + "' has no frames in " + store.describe());
            }
            return GridPooling.resizeFrames(frames, videoFrames, f);
        }
        List<float[][]> pooled = new ArrayList<>(ids.size());
        int total = 0;
        for (String id : ids) {
            float[][] grid = GridPooling.adaptiveMaxPool2d(store.features(id), imageSide);
            pooled.add(grid);
            total += grid.length;
        }
        if (pooled.size() == 1) {
            return pooled.get(0);
        }
        float[][] out = new float[total][];
        int at = 0;
        for (float[][] grid : pooled) {
            System.arraycopy(grid, 0, out, at, grid.length);
            at += grid.length;
        }
        return out;
    }

    private float[][][] readVisual(Task task, List<Example> examples, FeatureStore store) {
        float[][][] out = new float[examples.size()][][];
        if (pool == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = visualTokens(examples.get(i), store);
            }
            return out;
        }
        List<Callable<float[][]>> jobs = new ArrayList<>();
        for (Example e : examples) {
            jobs.add(() -> visualTokens(e, store));
        }
        try {
            List<Future<float[][]>> done = pool.invokeAll(jobs);
            for (int i = 0; i < out.length; i++) {
                out[i] = done.get(i).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + task.key() + " features", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private static long[][] pad(long[][] rows, long padId, int[] lengths) {
        int width = 0;
        for (long[] r : rows) {
            width = Math.max(width, r.length);
        }
        long[][] out = new long[rows.length][width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out[i], 0, rows[i].length);
            java.util.Arrays.fill(out[i], rows[i].length, width, padId);
            lengths[i] = rows[i].length;
        }
        return out;
    }

    /** Stops the feature-reading threads, if any. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Builder of {@link BatchCollator}. */
    public static final class Builder {
        private TextEncoder encoder;
        private int imageTokens = 36;
        private int videoFrames = 64;
        private int featureThreads = 1;

        private Builder() {}

        /**
         * @param encoder the backbone's tokenizer
         * @return this builder
         */
        public Builder setEncoder(TextEncoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /**
         * @param imageTokens visual tokens per image after pooling, a square ({@code --n_boxes}, default 36)
         * @return this builder
         */
        public Builder optImageTokens(int imageTokens) {
            GridPooling.squareSide(imageTokens);
            this.imageTokens = imageTokens;
            return this;
        }

        /**
         * @param videoFrames frames per clip after padding/pooling (default 64)
         * @return this builder
         */
        public Builder optVideoFrames(int videoFrames) {
            if (videoFrames <= 0) {
                throw new IllegalArgumentException("video frames must be positive, got " + videoFrames);
            }
            this.videoFrames = videoFrames;
            return this;
        }

        /**
         * @param featureThreads threads reading features in parallel (default 1: the calling thread)
         * @return this builder
         */
        public Builder optFeatureThreads(int featureThreads) {
            if (featureThreads < 1) {
                throw new IllegalArgumentException("feature threads must be >= 1, got " + featureThreads);
            }
            this.featureThreads = featureThreads;
            return this;
        }

        /** @return the collator */
        public BatchCollator build() {
            return new BatchCollator(this);
        }
    }
}
