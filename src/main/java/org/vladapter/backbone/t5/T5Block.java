package org.vladapter.backbone.t5;

import ai.djl.ndarray.NDArray;
import org.vladapter.backbone.AttentionCache;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.ModuleList;

/** A T5 block: {@code layer.0} self-attention, ({@code layer.1} cross-attention,) then the feed-forward layer. */
public final class T5Block extends Module {

    private final T5AttentionLayer selfAttention;
    private final T5AttentionLayer crossAttention;
    private final T5FeedForwardLayer feedForward;

    /**
     * @param c model configuration
     * @param hooks PEFT hooks
     * @param stack encoder or decoder
     * @param layer layer index (layer 0 owns the relative position bias)
     */
    public T5Block(ModelConfig c, LayerHooks hooks, Stack stack, int layer) {
        ModuleList<Module> parts = module("layer", new ModuleList<>());
        selfAttention = (T5AttentionLayer) parts.add(
                new T5AttentionLayer(c, hooks, stack, layer, SubLayer.SELF_ATTENTION, layer == 0));
        crossAttention = stack == Stack.DECODER
                ? (T5AttentionLayer) parts.add(new T5AttentionLayer(c, hooks, stack, layer, SubLayer.CROSS_ATTENTION, false))
                : null;
        feedForward = (T5FeedForwardLayer) parts.add(new T5FeedForwardLayer(c, hooks, stack, layer));
    }

    /** @return the self-attention sub-layer */
    public T5AttentionLayer selfAttention() {
        return selfAttention;
    }

    /**
     * @param x [B, T, d]
     * @param selfBias mask + position bias for self-attention
     * @param memory encoder output (decoder only) or {@code null}
     * @param crossBias encoder mask (decoder only) or {@code null}
     * @param selfCache self-attention cache or {@code null}
     * @param crossCache cross-attention cache or {@code null}
     * @param ctx forward context
     * @return [B, T, d]
     */
    public NDArray forward(NDArray x, NDArray selfBias, NDArray memory, NDArray crossBias, AttentionCache selfCache,
            AttentionCache crossCache, ForwardContext ctx) {
        NDArray h = selfAttention.forward(x, null, selfBias, selfCache, ctx);
        if (crossAttention != null) {
            h = crossAttention.forward(h, memory, crossBias, crossCache, ctx);
        }
        return feedForward.forward(h, ctx);
    }
}
