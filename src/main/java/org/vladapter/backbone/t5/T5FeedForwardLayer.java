package org.vladapter.backbone.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.initializer.Initializer;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.ProjectionSite;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;
import org.vladapter.nn.Projection;
import org.vladapter.nn.RmsNorm;

/**
 * T5's feed-forward sub-layer (pre-norm): {@code x + drop(A(wo(drop(relu(wi(norm(x)))))))}; with
 * {@code gated-gelu} (T5 v1.1) the inner activation is {@code gelu_new(wi_0 h) * wi_1 h}.
 */
public final class T5FeedForwardLayer extends Module {

    private final Dense ffn;
    private final RmsNorm norm;
    private final SiteAdapter adapter;
    private final float dropout;

    /**
     * @param c model configuration
     * @param hooks PEFT hooks
     * @param stack encoder or decoder
     * @param layer layer index
     */
    public T5FeedForwardLayer(ModelConfig c, LayerHooks hooks, Stack stack, int layer) {
        ffn = module("DenseReluDense", new Dense(c, hooks, stack, layer));
        norm = module("layer_norm", new RmsNorm(c.dModel(), c.layerNormEps()));
        int n = stack == Stack.ENCODER ? c.encoderLayers() : c.decoderLayers();
        adapter = hooks.adapter(new AdapterSite(stack, layer, n, SubLayer.FEED_FORWARD, c.dModel()));
        if (adapter != null) {
            module("ff_adapter", adapter.asModule());
        }
        dropout = c.dropout();
    }

    /**
     * @param x [B, T, d]
     * @param ctx forward context
     * @return [B, T, d]
     */
    public NDArray forward(NDArray x, ForwardContext ctx) {
        NDArray h = ffn.forward(norm.forward(x), ctx);
        if (adapter != null) {
            h = adapter.apply(h, ctx);
        }
        return x.add(Ops.dropout(h, dropout, ctx));
    }

    /** HF's {@code T5DenseActDense} / {@code T5DenseGatedActDense}. */
    static final class Dense extends Module {
        private final Projection wi;
        private final Projection wiGate;
        private final Projection wo;
        private final float dropout;

        Dense(ModelConfig c, LayerHooks hooks, Stack stack, int layer) {
            int inner = stack == Stack.ENCODER ? c.encoderFfnDim() : c.decoderFfnDim();
            boolean gated = c.activation().equals("gated-gelu");
            dropout = c.dropout();
            if (gated) {
                wi = proj(hooks, stack, layer, "wi_0", ProjectionSite.Role.FFN_IN, c.dModel(), inner, T5Init.ffnIn(c));
                wiGate = proj(hooks, stack, layer, "wi_1", ProjectionSite.Role.FFN_IN, c.dModel(), inner, T5Init.ffnIn(c));
            } else {
                wi = proj(hooks, stack, layer, "wi", ProjectionSite.Role.FFN_IN, c.dModel(), inner, T5Init.ffnIn(c));
                wiGate = null;
            }
            wo = proj(hooks, stack, layer, "wo", ProjectionSite.Role.FFN_OUT, inner, c.dModel(), T5Init.ffnOut(c, inner));
        }

        private Projection proj(LayerHooks hooks, Stack stack, int layer, String name, ProjectionSite.Role role,
                long in, long out, Initializer init) {
            Projection p = hooks.projection(new ProjectionSite(stack, layer, SubLayer.FEED_FORWARD, name, role, in, out,
                    false, init, Initializer.ZEROS));
            module(name, p.asModule());
            return p;
        }

        NDArray forward(NDArray x, ForwardContext ctx) {
            NDArray h = wiGate == null
                    ? Activation.relu(wi.forward(x, ctx))
                    : Ops.geluNew(wi.forward(x, ctx)).mul(wiGate.forward(x, ctx));
            return wo.forward(Ops.dropout(h, dropout, ctx), ctx);
        }
    }
}
