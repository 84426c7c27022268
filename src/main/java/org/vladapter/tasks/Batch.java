package org.vladapter.tasks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * A collated single-task batch as plain Java arrays, with accessors that create the NDArrays the model
 * consumes (docs/behaviour.md#visual-input, #input-formats, #losses). B = batch size, L = longest input, T = longest target, V = visual
 * tokens (36 for one image, 72 for an NLVR2 pair, 64 for video), F = feature width.
 *
 * <ul>
 *   <li>{@code input_ids} [B, L] int64, right-padded with the tokenizer's pad id; {@code attention_mask}
 *       [B, L] int64, 1 on real tokens (the visual tokens are always attended and are not part of it).
 *   <li>{@code target_ids} [B, T] int64 padded with the pad id; {@code labels} [B, T] the same with padding
 *       replaced by -100 (the model builds the decoder input by shifting right).
 *   <li>{@code loss_weights} [B] float32: VQA answer scores, 1 elsewhere.
 *   <li>{@code vis_feats} [B, V, F] float32, already pooled; {@code boxes} [B, V, 4] zeros; {@code
 *       img_order_ids} [B, V] and {@code obj_order_ids} [B, V] int64.
 * </ul>
 */
public final class Batch {

    /** Label value ignored by the loss. */
    public static final long IGNORE_INDEX = -100;

    private final Task task;
    private final List<Example> examples;
    private final long[][] inputIds;
    private final int[] inputLengths;
    private final long[][] targetIds;
    private final long[][] labels;
    private final float[] lossWeights;
    private final float[] visualFeatures;
    private final int visualTokens;
    private final int featureDim;
    private final long[][] imageOrderIds;
    private final long[][] objectOrderIds;

    Batch(Task task, List<Example> examples, long[][] inputIds, int[] inputLengths, long[][] targetIds,
            long[][] labels, float[] lossWeights, float[] visualFeatures, int visualTokens, int featureDim,
            long[][] imageOrderIds, long[][] objectOrderIds) {
        this.task = task;
        this.examples = List.copyOf(examples);
        this.inputIds = inputIds;
        this.inputLengths = inputLengths;
        this.targetIds = targetIds;
        this.labels = labels;
        this.lossWeights = lossWeights;
        this.visualFeatures = visualFeatures;
        this.visualTokens = visualTokens;
        this.featureDim = featureDim;
        this.imageOrderIds = imageOrderIds;
        this.objectOrderIds = objectOrderIds;
    }

    /** @return the task of every example */
    public Task task() {
        return task;
    }

    /** @return B */
    public int size() {
        return examples.size();
    }

    /** @return the examples, in batch order (texts, ids, references) */
    public List<Example> examples() {
        return examples;
    }

    /** @return the example ids, in batch order */
    public List<String> exampleIds() {
        return examples.stream().map(Example::id).toList();
    }

    /** @return the evaluation references, in batch order (elements may be {@code null} for unlabelled items) */
    public List<Reference> references() {
        return examples.stream().map(Example::reference).toList();
    }

    /** @return input ids [B][L], padded */
    public long[][] inputIds() {
        return inputIds;
    }

    /** @return the unpadded input length of each example */
    public int[] inputLengths() {
        return inputLengths.clone();
    }

    /** @return attention mask [B][L]: 1 for real tokens, 0 for padding */
    public long[][] attentionMask() {
        long[][] mask = new long[inputIds.length][];
        for (int b = 0; b < mask.length; b++) {
            mask[b] = new long[inputIds[b].length];
            java.util.Arrays.fill(mask[b], 0, inputLengths[b], 1L);
        }
        return mask;
    }

    /** @return whether the batch has targets (unlabelled test batches do not) */
    public boolean hasTargets() {
        return targetIds != null;
    }

    /** @return target ids [B][T] padded with the pad id, or {@code null} without targets */
    public long[][] targetIds() {
        return targetIds;
    }

    /** @return labels [B][T]: target ids with padding replaced by -100, or {@code null} without targets */
    public long[][] labels() {
        return labels;
    }

    /** @return per-example loss weights [B] */
    public float[] lossWeights() {
        return lossWeights;
    }

    /** @return the visual features, flat in [B, V, F] order */
    public float[] visualFeatures() {
        return visualFeatures;
    }

    /** @return V, the visual tokens per example */
    public int visualTokens() {
        return visualTokens;
    }

    /** @return F, the feature width */
    public int featureDim() {
        return featureDim;
    }

    /** @return image-order ids [B][V] (NLVR2: 0 for the first image's tokens, 1 for the second's) */
    public long[][] imageOrderIds() {
        return imageOrderIds;
    }

    /** @return object-order ids [B][V]: the token's position within its image (0..35) or clip (0..63) */
    public long[][] objectOrderIds() {
        return objectOrderIds;
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code input_ids} [B, L] int64
     */
    public NDArray inputIds(NDManager manager) {
        return ids(manager, inputIds, "input_ids");
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code attention_mask} [B, L] int64
     */
    public NDArray attentionMask(NDManager manager) {
        return ids(manager, attentionMask(), "attention_mask");
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code target_ids} [B, T] int64
     * @throws IllegalStateException when the batch has no targets
     */
    public NDArray targetIds(NDManager manager) {
        return ids(manager, requireTargets(targetIds), "target_ids");
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code labels} [B, T] int64 with -100 on padding
     * @throws IllegalStateException when the batch has no targets
     */
    public NDArray labels(NDManager manager) {
        return ids(manager, requireTargets(labels), "labels");
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code loss_weights} [B] float32
     */
    public NDArray lossWeights(NDManager manager) {
        NDArray a = manager.create(lossWeights);
        a.setName("loss_weights");
        return a;
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code vis_feats} [B, V, F] float32
     */
    public NDArray visualFeatures(NDManager manager) {
        NDArray a = manager.create(visualFeatures, new Shape(size(), visualTokens, featureDim));
        a.setName("vis_feats");
        return a;
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code boxes} [B, V, 4] zeros (CLIP grid features have no boxes)
     */
    public NDArray boxes(NDManager manager) {
        NDArray a = manager.zeros(new Shape(size(), visualTokens, 4));
        a.setName("boxes");
        return a;
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code img_order_ids} [B, V] int64
     */
    public NDArray imageOrderIds(NDManager manager) {
        return ids(manager, imageOrderIds, "img_order_ids");
    }

    /**
     * @param manager the manager that owns the result
     * @return {@code obj_order_ids} [B, V] int64
     */
    public NDArray objectOrderIds(NDManager manager) {
        return ids(manager, objectOrderIds, "obj_order_ids");
    }

    /**
     * All arrays, named, in this order: {@code input_ids, attention_mask, vis_feats, boxes, img_order_ids,
     * obj_order_ids}, then, when the batch has targets, {@code target_ids, labels, loss_weights}.
     *
     * @param manager the manager that owns the arrays
     * @return the arrays
     */
    public NDList toNDList(NDManager manager) {
        NDList list = new NDList(inputIds(manager), attentionMask(manager), visualFeatures(manager), boxes(manager),
                imageOrderIds(manager), objectOrderIds(manager));
        if (hasTargets()) {
            list.add(targetIds(manager));
            list.add(labels(manager));
            list.add(lossWeights(manager));
        }
        return list;
    }

    /**
     * The examples {@code [from, to)} as a batch of their own, with the same padded widths as this batch (so a
     * model sees exactly the rows it would see in the whole batch; padding is masked either way).
     *
     * @param from first example
     * @param to one past the last example
     * @return the sub-batch
     */
    public Batch slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a batch of " + size());
        }
        int perExample = size() == 0 ? 0 : visualFeatures.length / size();
        return new Batch(task, examples.subList(from, to), java.util.Arrays.copyOfRange(inputIds, from, to),
                java.util.Arrays.copyOfRange(inputLengths, from, to),
                targetIds == null ? null : java.util.Arrays.copyOfRange(targetIds, from, to),
                labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to),
                lossWeights == null ? null : java.util.Arrays.copyOfRange(lossWeights, from, to),
                java.util.Arrays.copyOfRange(visualFeatures, from * perExample, to * perExample), visualTokens, featureDim,
                imageOrderIds == null ? null : java.util.Arrays.copyOfRange(imageOrderIds, from, to),
                objectOrderIds == null ? null : java.util.Arrays.copyOfRange(objectOrderIds, from, to));
    }

    private <T> T requireTargets(T value) {
        if (value == null) {
            throw new IllegalStateException("batch of " + task.key() + " examples " + exampleIds()
                    + " has no targets (unlabelled split)");
        }
        return value;
    }

    private static NDArray ids(NDManager manager, long[][] rows, String name) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * width];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * width, width);
        }
        NDArray a = manager.create(flat, new Shape(rows.length, width));
        a.setName(name);
        return a;
    }

    @Override
    public String toString() {
        return "Batch[" + task.key() + ", B=" + size() + ", L=" + (inputIds.length == 0 ? 0 : inputIds[0].length)
                + ", T=" + (targetIds == null ? "-" : targetIds[0].length) + ", V=" + visualTokens + ", F=" + featureDim + "]";
    }
}
