package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;
import org.vladapter.nn.Projection;

/**
 * Multi-head attention shared by BART ({@code q_proj/k_proj/v_proj/out_proj}, biases, query scaled by
 * head_dim^-0.5) and T5 ({@code q/k/v/o}, no biases, no scaling, relative position bias added by the
 * caller). The four projections come from {@link LayerHooks#projection}, so LoRA can replace them.
 */
public final class MultiHeadAttention extends Module {

    private final Projection query;
    private final Projection key;
    private final Projection value;
    private final Projection output;
    private final int heads;
    private final int headDim;
    private final float queryScale;
    private final float dropout;
    private final RelativePositionBias relativeBias;
    private final int crossAttentionLayer; // the decoder layer for cross-attention (recorded), -1 otherwise

    /**
     * @param spec how to build this attention
     * @param hooks PEFT hooks
     */
    public MultiHeadAttention(Spec spec, LayerHooks hooks) {
        this(spec, hooks, null);
    }

    /**
     * @param spec how to build this attention
     * @param hooks PEFT hooks
     * @param relativeBias T5's relative position bias owned by this module (first layer only), or {@code null}
     */
    public MultiHeadAttention(Spec spec, LayerHooks hooks, RelativePositionBias relativeBias) {
        this.heads = spec.heads;
        this.headDim = spec.headDim;
        this.queryScale = spec.scaleQuery ? (float) Math.pow(spec.headDim, -0.5) : 1f;
        this.dropout = spec.dropout;
        this.crossAttentionLayer = spec.subLayer == SubLayer.CROSS_ATTENTION ? spec.layer : -1;
        long inner = (long) spec.heads * spec.headDim;
        query = attach(spec, hooks, 0, ProjectionSite.Role.QUERY, spec.dModel, inner);
        key = attach(spec, hooks, 1, ProjectionSite.Role.KEY, spec.dModel, inner);
        value = attach(spec, hooks, 2, ProjectionSite.Role.VALUE, spec.dModel, inner);
        output = attach(spec, hooks, 3, ProjectionSite.Role.OUTPUT, inner, spec.dModel);
        this.relativeBias = relativeBias == null ? null : module("relative_attention_bias", relativeBias);
    }

    /** @return the relative position bias this module owns, or {@code null} */
    public RelativePositionBias relativeBias() {
        return relativeBias;
    }

    private Projection attach(Spec spec, LayerHooks hooks, int i, ProjectionSite.Role role, long in, long out) {
        ProjectionSite site = new ProjectionSite(spec.stack, spec.layer, spec.subLayer, spec.names[i], role, in, out,
                spec.bias, spec.inits[i], spec.biasInit);
        Projection p = hooks.projection(site);
        module(spec.names[i], p.asModule());
        return p;
    }

    /**
     * Attends from {@code x} to itself (self-attention) or to {@code memory} (cross-attention).
     *
     * @param x queries' hidden states [B, T, d]
     * @param memory keys/values source [B, S, d] for cross-attention, {@code null} for self-attention
     * @param bias additive scores bias broadcastable to [B, H, T, S] (mask, position bias), or {@code null}
     * @param cache the cache of this module during generation, or {@code null}
     * @param ctx forward context
     * @return attention output [B, T, d]
     */
    public NDArray forward(NDArray x, NDArray memory, NDArray bias, AttentionCache cache, ForwardContext ctx) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray q = split(query.forward(x, ctx), b);
        if (queryScale != 1f) {
            q = org.vladapter.nn.Ops.scale(q, queryScale);
        }
        NDArray k;
        NDArray v;
        if (memory == null) {
            k = split(key.forward(x, ctx), b);
            v = split(value.forward(x, ctx), b);
            if (cache != null) {
                cache.append(k, v);
                k = cache.keys();
                v = cache.values();
            }
        } else if (cache != null && cache.keys() != null) {
            k = cache.keys();
            v = cache.values();
        } else {
            k = split(key.forward(memory, ctx), b);
            v = split(value.forward(memory, ctx), b);
            if (cache != null) {
                cache.set(k, v);
            }
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray weights = scores.softmax(-1);
        if (crossAttentionLayer >= 0) {
            CrossAttentionRecorder.offer(crossAttentionLayer, weights);
        }
        NDArray probs = Ops.dropout(weights, dropout, ctx);
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(new Shape(b, t, (long) heads * headDim));
        return output.forward(context, ctx);
    }

    private NDArray split(NDArray x, long batch) {
        return x.reshape(new Shape(batch, -1, heads, headDim)).transpose(0, 2, 1, 3);
    }

    /** Construction parameters of an attention module. */
    public static final class Spec {
        final Stack stack;
        final int layer;
        final SubLayer subLayer;
        final long dModel;
        final int heads;
        final int headDim;
        final boolean bias;
        final boolean scaleQuery;
        final float dropout;
        final String[] names;
        final ai.djl.training.initializer.Initializer[] inits;
        final ai.djl.training.initializer.Initializer biasInit;

        /**
         * @param stack encoder or decoder
         * @param layer layer index
         * @param subLayer self- or cross-attention
         * @param dModel hidden size
         * @param heads heads
         * @param headDim per-head size
         * @param bias whether projections have biases
         * @param scaleQuery whether queries are scaled by head_dim^-0.5
         * @param dropout attention-probability dropout
         * @param names local names of the q, k, v, o projections
         * @param inits initializers of the q, k, v, o weights
         * @param biasInit initializer of the biases
         */
        public Spec(Stack stack, int layer, SubLayer subLayer, long dModel, int heads, int headDim, boolean bias,
                boolean scaleQuery, float dropout, String[] names, ai.djl.training.initializer.Initializer[] inits,
                ai.djl.training.initializer.Initializer biasInit) {
            this.stack = stack;
            this.layer = layer;
            this.subLayer = subLayer;
            this.dModel = dModel;
            this.heads = heads;
            this.headDim = headDim;
            this.bias = bias;
            this.scaleQuery = scaleQuery;
            this.dropout = dropout;
            this.names = names.clone();
            this.inits = inits.clone();
            this.biasInit = biasInit;
        }
    }
}
