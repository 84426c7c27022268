package org.vladapter.backbone.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.training.initializer.Initializer;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.AttentionCache;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.MultiHeadAttention;
import org.vladapter.backbone.RelativePositionBias;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;
import org.vladapter.nn.RmsNorm;

/**
 * A T5 attention sub-layer (pre-norm): {@code x + drop(A(Attention(norm(x))))}, as HF's
 * {@code T5LayerSelfAttention} ({@code SelfAttention}) or {@code T5LayerCrossAttention}
 * ({@code EncDecAttention}).
 */
public final class T5AttentionLayer extends Module {

    private final MultiHeadAttention attention;
    private final RmsNorm norm;
    private final SiteAdapter adapter;
    private final float dropout;

    /**
     * @param c model configuration
     * @param hooks PEFT hooks
     * @param stack encoder or decoder
     * @param layer layer index
     * @param sub self- or cross-attention
     * @param withRelativeBias whether this (first-layer self-attention) owns the relative position bias
     */
    public T5AttentionLayer(ModelConfig c, LayerHooks hooks, Stack stack, int layer, SubLayer sub, boolean withRelativeBias) {
        int heads = stack == Stack.ENCODER ? c.encoderHeads() : c.decoderHeads();
        MultiHeadAttention.Spec spec = new MultiHeadAttention.Spec(stack, layer, sub, c.dModel(), heads, c.dKv(), false,
                false, c.attentionDropout(), new String[] {"q", "k", "v", "o"},
                new Initializer[] {T5Init.query(c), T5Init.keyValue(c), T5Init.keyValue(c), T5Init.output(c, heads)},
                Initializer.ZEROS);
        RelativePositionBias rpb = withRelativeBias
                ? new RelativePositionBias(c.relativeBuckets(), c.relativeMaxDistance(), heads, stack == Stack.ENCODER,
                        T5Init.keyValue(c))
                : null;
        attention = module(sub == SubLayer.CROSS_ATTENTION ? "EncDecAttention" : "SelfAttention",
                new MultiHeadAttention(spec, hooks, rpb));
        norm = module("layer_norm", new RmsNorm(c.dModel(), c.layerNormEps()));
        int n = stack == Stack.ENCODER ? c.encoderLayers() : c.decoderLayers();
        adapter = hooks.adapter(new AdapterSite(stack, layer, n, sub, c.dModel()));
        if (adapter != null) {
            String name = stack == Stack.ENCODER ? "attn_adapter"
                    : sub == SubLayer.SELF_ATTENTION ? "self_attn_adapter" : "enc_attn_adapter";
            module(name, adapter.asModule());
        }
        dropout = c.dropout();
    }

    /** @return the attention module */
    public MultiHeadAttention attention() {
        return attention;
    }

    /**
     * @param x [B, T, d]
     * @param memory encoder output for cross-attention, {@code null} for self-attention
     * @param bias mask plus position bias
     * @param cache generation cache or {@code null}
     * @param ctx forward context
     * @return [B, T, d]
     */
    public NDArray forward(NDArray x, NDArray memory, NDArray bias, AttentionCache cache, ForwardContext ctx) {
        NDArray h = attention.forward(norm.forward(x), memory, bias, cache, ctx);
        if (adapter != null) {
            h = adapter.apply(h, ctx);
        }
        return x.add(Ops.dropout(h, dropout, ctx));
    }
}
