package org.vladapter.backbone.bart;

import ai.djl.ndarray.NDArray;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.AttentionCache;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.MultiHeadAttention;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.LayerNorm;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;
import org.vladapter.nn.Projection;

/**
 * A BART decoder layer (post-LN): causal self-attention, cross-attention over the encoder output, FFN;
 * each sub-layer's output optionally adapted before dropout and the residual.
 */
public final class BartDecoderLayer extends Module {

    private final MultiHeadAttention selfAttn;
    private final LayerNorm selfAttnNorm;
    private final MultiHeadAttention encoderAttn;
    private final LayerNorm encoderAttnNorm;
    private final Projection fc1;
    private final Projection fc2;
    private final LayerNorm finalNorm;
    private final SiteAdapter selfAttnAdapter;
    private final SiteAdapter encAttnAdapter;
    private final SiteAdapter ffAdapter;
    private final ModelConfig config;

    /**
     * @param config model configuration
     * @param hooks PEFT hooks
     * @param layer layer index
     */
    public BartDecoderLayer(ModelConfig config, LayerHooks hooks, int layer) {
        this.config = config;
        long d = config.dModel();
        selfAttn = module("self_attn", BartLayerParts.attention(config, hooks, Stack.DECODER, layer, SubLayer.SELF_ATTENTION));
        selfAttnNorm = module("self_attn_layer_norm", new LayerNorm(d, config.layerNormEps()));
        encoderAttn = module("encoder_attn", BartLayerParts.attention(config, hooks, Stack.DECODER, layer, SubLayer.CROSS_ATTENTION));
        encoderAttnNorm = module("encoder_attn_layer_norm", new LayerNorm(d, config.layerNormEps()));
        fc1 = BartLayerParts.ffn(config, hooks, Stack.DECODER, layer, true);
        module("fc1", fc1.asModule());
        fc2 = BartLayerParts.ffn(config, hooks, Stack.DECODER, layer, false);
        module("fc2", fc2.asModule());
        finalNorm = module("final_layer_norm", new LayerNorm(d, config.layerNormEps()));
        int n = config.decoderLayers();
        selfAttnAdapter = adapter(hooks, new AdapterSite(Stack.DECODER, layer, n, SubLayer.SELF_ATTENTION, d), "self_attn_adapter");
        encAttnAdapter = adapter(hooks, new AdapterSite(Stack.DECODER, layer, n, SubLayer.CROSS_ATTENTION, d), "enc_attn_adapter");
        ffAdapter = adapter(hooks, new AdapterSite(Stack.DECODER, layer, n, SubLayer.FEED_FORWARD, d), "ff_adapter");
    }

    private SiteAdapter adapter(LayerHooks hooks, AdapterSite site, String name) {
        SiteAdapter a = hooks.adapter(site);
        if (a != null) {
            module(name, a.asModule());
        }
        return a;
    }

    /**
     * @param x [B, T, d]
     * @param selfBias causal mask [1, 1, T, past+T]
     * @param memory encoder output [B, S, d]
     * @param crossBias encoder padding mask [B, 1, 1, S]
     * @param selfCache self-attention cache or {@code null}
     * @param crossCache cross-attention cache or {@code null}
     * @param ctx forward context
     * @return [B, T, d]
     */
    public NDArray forward(NDArray x, NDArray selfBias, NDArray memory, NDArray crossBias, AttentionCache selfCache,
            AttentionCache crossCache, ForwardContext ctx) {
        NDArray h = selfAttn.forward(x, null, selfBias, selfCache, ctx);
        h = Ops.dropout(BartEncoderLayer.adapt(selfAttnAdapter, h, ctx), config.dropout(), ctx);
        h = selfAttnNorm.forward(x.add(h));
        NDArray c = encoderAttn.forward(h, memory, crossBias, crossCache, ctx);
        c = Ops.dropout(BartEncoderLayer.adapt(encAttnAdapter, c, ctx), config.dropout(), ctx);
        h = encoderAttnNorm.forward(h.add(c));
        NDArray f = Ops.dropout(BartActivation.apply(config, fc1.forward(h, ctx)), config.activationDropout(), ctx);
        f = fc2.forward(f, ctx);
        f = Ops.dropout(BartEncoderLayer.adapt(ffAdapter, f, ctx), config.dropout(), ctx);
        return finalNorm.forward(h.add(f));
    }
}
