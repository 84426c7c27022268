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
 * <p>Feature reads can run on a small thread pool ({@code featureThreads}); the collator is then {@link
 * AutoCloseable}. Collation is otherwise stateless and safe to call from several threads.
 */
public final class BatchCollator implements AutoCloseable {

    private final TextEncoder encoder;
    private final int imageSide;
    private final int videoFrames;
    private final ExecutorService pool;

    private BatchCollator(Builder builder) {
        if (builder.encoder == null) {
            throw new IllegalArgumentException("BatchCollator needs a TextEncoder (encoder)");
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

        Example first = examples.get(0);
        int images = task.modality() == Task.Modality.IMAGE ? first.featureIds().size() : 1;
        int v = task.modality() == Task.Modality.VIDEO ? videoFrames : imageSide * imageSide * images;
        float[][] firstFeatures = store.features(first.featureIds().get(0));
        if (firstFeatures.length == 0) {
            throw new IllegalArgumentException("'" + first.featureIds().get(0) + "' has no feature rows in " + store.describe());
        }
        int f = firstFeatures[0].length;
        float[] flat = new float[b * v * f];
        readVisual(examples, store, flat, v, f, firstFeatures);
        long[][] imageOrder = new long[b][];
        long[][] objectOrder = new long[b][];
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
        int f = store.features(example.featureIds().get(0))[0].length;
        int v = example.task().modality() == Task.Modality.VIDEO
                ? videoFrames : imageSide * imageSide * example.featureIds().size();
        float[] flat = new float[v * f];
        writeVisual(example, store, flat, 0, v, f, null);
        float[][] rows = new float[v][];
        for (int t = 0; t < v; t++) {
            rows[t] = java.util.Arrays.copyOfRange(flat, t * f, (t + 1) * f);
        }
        return rows;
    }

    /** Reads, pools and writes the tokens of one example into {@code out[offset .. offset + v·f)}. */
    private void writeVisual(Example example, FeatureStore store, float[] out, int offset, int v, int f,
            float[][] firstFeatures) {
        List<String> ids = example.featureIds();
        if (example.task().modality() == Task.Modality.VIDEO) {
            float[][] frames = firstFeatures != null ? firstFeatures : store.features(ids.get(0));
            checkWidth(example, ids.get(0), frames, f);
            GridPooling.resizeFrames(frames, videoFrames, f, out, offset);
            return;
        }
        int perImage = imageSide * imageSide;
        if (ids.size() * perImage != v) {
            throw new IllegalArgumentException("example " + example.id() + " has " + ids.size()
                    + " images " + ids + ", the batch has " + v / perImage + " per example");
        }
        for (int j = 0; j < ids.size(); j++) {
            float[][] grid = j == 0 && firstFeatures != null ? firstFeatures : store.features(ids.get(j));
            checkWidth(example, ids.get(j), grid, f);
            GridPooling.adaptiveMaxPool2d(grid, imageSide, out, offset + j * perImage * f);
        }
    }

    private static void checkWidth(Example example, String id, float[][] rows, int f) {
        if (rows.length > 0 && rows[0].length != f) {
            throw new IllegalArgumentException("features of '" + id + "' (example " + example.id() + ") have "
                    + rows[0].length + " columns, the batch has " + f);
        }
    }

    private void readVisual(List<Example> examples, FeatureStore store, float[] out, int v, int f,
            float[][] firstFeatures) {
        int stride = v * f;
        if (pool == null) {
            for (int i = 0; i < examples.size(); i++) {
                writeVisual(examples.get(i), store, out, i * stride, v, f, i == 0 ? firstFeatures : null);
            }
            return;
        }
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            int index = i;
            jobs.add(() -> {
                writeVisual(examples.get(index), store, out, index * stride, v, f, index == 0 ? firstFeatures : null);
                return null;
            });
        }
        try {
            for (Future<Void> done : pool.invokeAll(jobs)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + examples.get(0).task().key() + " features", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
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
        public Builder encoder(TextEncoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /**
         * @param imageTokens visual tokens per image after pooling, a square ({@code --n_boxes}, default 36)
         * @return this builder
         */
        public Builder imageTokens(int imageTokens) {
            GridPooling.squareSide(imageTokens);
            this.imageTokens = imageTokens;
            return this;
        }

        /**
         * @param videoFrames frames per clip after padding/pooling (default 64)
         * @return this builder
         */
        public Builder videoFrames(int videoFrames) {
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
        public Builder featureThreads(int featureThreads) {
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
