package org.vladapter.backbone.bart;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.MultiHeadAttention;
import org.vladapter.backbone.ProjectionSite;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.Projection;

/** Factories for the parts BART's encoder and decoder layers share. */
final class BartLayerParts {

    private BartLayerParts() {}

    static Initializer linearInit(ModelConfig c) {
        return new NormalInitializer(c.initStd());
    }

    static MultiHeadAttention attention(ModelConfig c, LayerHooks hooks, Stack stack, int layer, SubLayer sub) {
        int heads = stack == Stack.ENCODER ? c.encoderHeads() : c.decoderHeads();
        Initializer w = linearInit(c);
        return new MultiHeadAttention(
                new MultiHeadAttention.Spec(stack, layer, sub, c.dModel(), heads, c.dModel() / heads, true, true,
                        c.attentionDropout(), new String[] {"q_proj", "k_proj", "v_proj", "out_proj"},
                        new Initializer[] {w, w, w, w}, Initializer.ZEROS),
                hooks);
    }

    static Projection ffn(ModelConfig c, LayerHooks hooks, Stack stack, int layer, boolean first) {
        int inner = stack == Stack.ENCODER ? c.encoderFfnDim() : c.decoderFfnDim();
        long in = first ? c.dModel() : inner;
        long out = first ? inner : c.dModel();
        return hooks.projection(new ProjectionSite(stack, layer, SubLayer.FEED_FORWARD, first ? "fc1" : "fc2",
                first ? ProjectionSite.Role.FFN_IN : ProjectionSite.Role.FFN_OUT, in, out, true, linearInit(c),
                Initializer.ZEROS));
    }
}
