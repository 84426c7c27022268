package org.vladapter.backbone.bart;

import ai.djl.ndarray.NDArray;
import org.vladapter.backbone.AdapterSite;
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
 * A BART encoder layer (post-LN):
 * {@code h = LN(x + drop(A_attn(SelfAttn(x))))}, {@code out = LN(h + drop(A_ff(fc2(drop(gelu(fc1 h))))))},
 * where the adapters {@code A} are present only when a PEFT method inserts them.
 */
public final class BartEncoderLayer extends Module {

    private final MultiHeadAttention selfAttn;
    private final LayerNorm selfAttnNorm;
    private final Projection fc1;
    private final Projection fc2;
    private final LayerNorm finalNorm;
    private final SiteAdapter attnAdapter;
    private final SiteAdapter ffAdapter;
    private final ModelConfig config;

    /**
     * @param config model configuration
     * @param hooks PEFT hooks
     * @param layer layer index
     */
    public BartEncoderLayer(ModelConfig config, LayerHooks hooks, int layer) {
        this.config = config;
        selfAttn = module("self_attn", BartLayerParts.attention(config, hooks, Stack.ENCODER, layer, SubLayer.SELF_ATTENTION));
        selfAttnNorm = module("self_attn_layer_norm", new LayerNorm(config.dModel(), config.layerNormEps()));
        fc1 = BartLayerParts.ffn(config, hooks, Stack.ENCODER, layer, true);
        module("fc1", fc1.asModule());
        fc2 = BartLayerParts.ffn(config, hooks, Stack.ENCODER, layer, false);
        module("fc2", fc2.asModule());
        finalNorm = module("final_layer_norm", new LayerNorm(config.dModel(), config.layerNormEps()));
        int n = config.encoderLayers();
        attnAdapter = adapter(hooks, new AdapterSite(Stack.ENCODER, layer, n, SubLayer.SELF_ATTENTION, config.dModel()), "attn_adapter");
        ffAdapter = adapter(hooks, new AdapterSite(Stack.ENCODER, layer, n, SubLayer.FEED_FORWARD, config.dModel()), "ff_adapter");
    }

    private SiteAdapter adapter(LayerHooks hooks, AdapterSite site, String name) {
        SiteAdapter a = hooks.adapter(site);
        if (a != null) {
            module(name, a.asModule());
        }
        return a;
    }

    static NDArray adapt(SiteAdapter a, NDArray x, ForwardContext ctx) {
        return a == null ? x : a.apply(x, ctx);
    }

    /**
     * @param x [B, S, d]
     * @param bias additive attention mask [B, 1, 1, S]
     * @param ctx forward context
     * @return [B, S, d]
     */
    public NDArray forward(NDArray x, NDArray bias, ForwardContext ctx) {
        NDArray h = selfAttn.forward(x, null, bias, null, ctx);
        h = Ops.dropout(adapt(attnAdapter, h, ctx), config.dropout(), ctx);
        h = selfAttnNorm.forward(x.add(h));
        NDArray f = Ops.dropout(BartActivation.apply(config, fc1.forward(h, ctx)), config.activationDropout(), ctx);
        f = fc2.forward(f, ctx);
        f = Ops.dropout(adapt(ffAdapter, f, ctx), config.dropout(), ctx);
        return finalNorm.forward(h.add(f));
    }
}
