package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;

/**
 * T5's relative position bias: a learned scalar per head for each bucket of key-minus-query distance,
 * with exact buckets for short distances and logarithmic ones up to {@code maxDistance}. It is owned by
 * the first layer's self-attention and shared by all layers of the stack.
 */
public final class RelativePositionBias extends Module {

    private final Parameter weight;
    private final int buckets;
    private final int maxDistance;
    private final boolean bidirectional;

    /**
     * @param buckets number of buckets
     * @param maxDistance distance beyond which all positions share the last bucket
     * @param heads attention heads
     * @param bidirectional encoder (true) or causal decoder (false)
     * @param init weight initializer
     */
    public RelativePositionBias(int buckets, int maxDistance, int heads, boolean bidirectional, Initializer init) {
        this.buckets = buckets;
        this.maxDistance = maxDistance;
        this.bidirectional = bidirectional;
        this.weight = param("weight", new Shape(buckets, heads), init);
    }

    /**
     * The bucket of a relative position, as HF's {@code T5Attention._relative_position_bucket}.
     *
     * @param relative key position minus query position
     * @param bidirectional whether positive distances get their own buckets
     * @param numBuckets number of buckets
     * @param maxDistance maximum distance
     * @return the bucket index
     */
    public static int bucket(int relative, boolean bidirectional, int numBuckets, int maxDistance) {
        int bucket = 0;
        int n = numBuckets;
        int rp;
        if (bidirectional) {
            n /= 2;
            if (relative > 0) {
                bucket += n;
            }
            rp = Math.abs(relative);
        } else {
            rp = -Math.min(relative, 0);
        }
        int maxExact = n / 2;
        if (rp < maxExact) {
            return bucket + rp;
        }
        // float32 arithmetic, as PyTorch computes it, then truncation towards zero
        float ratio = (float) rp / (float) maxExact;
        float scaled = (float) Math.log(ratio) / (float) Math.log((double) maxDistance / maxExact) * (n - maxExact);
        int large = maxExact + (int) scaled;
        return bucket + Math.min(large, n - 1);
    }

    /**
     * Computes the bias for {@code queries} positions starting at {@code past} against all
     * {@code past + queries} key positions.
     *
     * @param manager where to create the result (the batch's manager)
     * @param queries number of query positions
     * @param keys number of key positions
     * @param past offset of the first query position
     * @return [1, H, queries, keys]
     */
    public NDArray compute(NDManager manager, long queries, long keys, long past) {
        int q = Math.toIntExact(queries);
        int k = Math.toIntExact(keys);
        int[] ids = new int[q * k];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < k; j++) {
                ids[i * k + j] = bucket(j - (int) (past + i), bidirectional, buckets, maxDistance);
            }
        }
        NDArray idx = manager.create(ids, new Shape(q, k)).toType(ai.djl.ndarray.types.DataType.INT64, false);
        NDArray values = Ops.embedding(idx, weight.getArray()); // [q, k, H]
        return values.transpose(2, 0, 1).expandDims(0);
    }
}
