package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the decoder's cross-attention weights while it is open, for looking at where a model attends
 * (e.g. which of the visual tokens — the 7×7 CLIP grid pooled to 6×6 — an answer token reads). Opening one on a thread makes every
 * cross-attention module of that thread copy its weights, averaged over heads, into Java arrays; closing it
 * stops that. Without an open recorder attention costs nothing extra.
 *
 * <pre>{@code
 * try (CrossAttentionRecorder rec = CrossAttentionRecorder.start()) {
 *     model.predict(batchOfOne);
 *     double[] grid = rec.lastPositions(rec.layers() - 1, 0, batchOfOne.visualTokens()); // first answer token
 * }
 * }</pre>
 */
public final class CrossAttentionRecorder implements AutoCloseable {

    private static final ThreadLocal<CrossAttentionRecorder> ACTIVE = new ThreadLocal<>();

    /**
     * One recorded forward call of one decoder layer's cross-attention.
     *
     * @param layer the decoder layer
     * @param batch B (examples × beams)
     * @param queries T, the decoder positions of this call
     * @param keys S, the encoder positions
     * @param weights head-averaged weights, row-major [B, T, S]
     */
    public record Call(int layer, int batch, int queries, int keys, float[] weights) {
        /**
         * @param example the batch row
         * @param query the decoder position within this call
         * @return the weights over the S encoder positions
         */
        public double[] row(int example, int query) {
            if (example < 0 || example >= batch || query < 0 || query >= queries) {
                throw new IllegalArgumentException("row (" + example + ", " + query + ") outside [" + batch + ", " + queries + "]");
            }
            double[] out = new double[keys];
            int base = (example * queries + query) * keys;
            for (int s = 0; s < keys; s++) {
                out[s] = weights[base + s];
            }
            return out;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final CrossAttentionRecorder previous;

    private CrossAttentionRecorder(CrossAttentionRecorder previous) {
        this.previous = previous;
    }

    /** @return a recorder that is active on this thread until closed */
    public static CrossAttentionRecorder start() {
        CrossAttentionRecorder r = new CrossAttentionRecorder(ACTIVE.get());
        ACTIVE.set(r);
        return r;
    }

    /**
     * Called by the attention modules with cross-attention probabilities [B, H, T, S]; copies their head
     * average when a recorder is open on this thread.
     *
     * @param layer decoder layer index
     * @param probs the attention probabilities
     */
    static void offer(int layer, NDArray probs) {
        CrossAttentionRecorder r = ACTIVE.get();
        if (r == null) {
            return;
        }
        long[] s = probs.getShape().getShape();
        try (NDArray mean = probs.mean(new int[] {1})) {
            r.calls.add(new Call(layer, (int) s[0], (int) s[2], (int) s[3], mean.toFloatArray()));
        }
    }

    /** @return every recorded call, in order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return the number of decoder layers seen (1 + the largest layer index) */
    public int layers() {
        return calls.stream().mapToInt(Call::layer).max().orElse(-1) + 1;
    }

    /**
     * The weights of the first recorded call of a layer, at its last decoder position — during generation the
     * position whose output predicts the first generated token — over the last {@code count} encoder
     * positions (the visual tokens, which come last in VL-BART's and VL-T5's encoder input).
     *
     * @param layer decoder layer
     * @param example batch row
     * @param count how many trailing encoder positions, e.g. the batch's {@code visualTokens()}
     * @return their weights (a part of a distribution, not renormalised)
     * @throws IllegalStateException when the layer was not recorded
     */
    public double[] lastPositions(int layer, int example, int count) {
        Call c = calls.stream().filter(x -> x.layer() == layer).findFirst()
                .orElseThrow(() -> new IllegalStateException("no cross-attention recorded for decoder layer " + layer
                        + "; was a forward pass or prediction run while the recorder was open?"));
        if (count > c.keys()) {
            throw new IllegalArgumentException(count + " positions asked, the encoder output has " + c.keys());
        }
        double[] row = c.row(example, c.queries() - 1);
        double[] out = new double[count];
        System.arraycopy(row, row.length - count, out, 0, count);
        return out;
    }

    /** Stops recording on this thread (an outer recorder, if any, is active again). */
    @Override
    public void close() {
        if (ACTIVE.get() == this) {
            if (previous == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(previous);
            }
        }
    }
}
