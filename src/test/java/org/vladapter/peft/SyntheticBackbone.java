package org.vladapter.peft;

import org.vladapter.nn.Initializers;

import ai.djl.ndarray.types.Shape;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ProjectionSite;
import org.vladapter.backbone.ProjectionSite.Role;
import org.vladapter.backbone.PromptProvider;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.Module;
import org.vladapter.nn.Projection;

import java.util.Map;

/**
 * A shape-only stand-in for the lead's VL-BART / VL-T5 (HF names, VL-Adapter's visual embedding), built
 * through {@link LayerHooks} exactly as a backbone would: used to count parameters and check names. No
 * array is ever allocated.
 */
final class SyntheticBackbone extends Module {

    /** A module holding named parameters of given shapes. */
    static final class Leaf extends Module {
        Leaf add(String name, long... shape) {
            param(name, new Shape(shape), Initializers.zeros());
            return this;
        }
    }

    /** A named container. */
    static final class Node extends Module {
        <M extends Module> M add(String name, M child) {
            return module(name, child);
        }
    }

    private final LayerHooks hooks;
    private final long d;

    private SyntheticBackbone(LayerHooks hooks, long d) {
        this.hooks = hooks;
        this.d = d;
    }

    private static Leaf linear(long in, long out, boolean bias) {
        Leaf l = new Leaf().add("weight", out, in);
        return bias ? l.add("bias", out) : l;
    }

    private void projection(Node parent, Stack stack, int layer, SubLayer sub, String name, Role role, long in, long out,
            boolean bias) {
        Projection p = hooks.projection(new ProjectionSite(stack, layer, sub, name, role, in, out, bias,
                Initializers.normal(0.02), Initializers.zeros()));
        parent.add(name, p.asModule());
    }

    private void adapter(Node parent, String name, Stack stack, int layer, int layers, SubLayer sub) {
        SiteAdapter a = hooks.adapter(new AdapterSite(stack, layer, layers, sub, d));
        if (a != null) {
            parent.add(name, a.asModule());
        }
    }

    private Node visualEmbedding(long featDim, boolean t5) {
        Node v = new Node();
        Node feat = v.add("feat_embedding", new Node());
        feat.add("0", linear(featDim, d, true));
        feat.add("1", t5 ? new Leaf().add("weight", d) : new Leaf().add("weight", d).add("bias", d));
        Node pos = v.add("absolute_vis_pos_embedding", new Node());
        pos.add("0", linear(5, d, true));
        pos.add("1", t5 ? new Leaf().add("weight", d) : new Leaf().add("weight", d).add("bias", d));
        v.add("img_order_embedding", new Leaf().add("weight", 2, d));
        return v;
    }

    private void roots() {
        for (Map.Entry<String, Module> e : hooks.rootModules().entrySet()) {
            module(e.getKey(), e.getValue());
        }
    }

    /**
     * @param hooks the PEFT hooks
     * @param featDim visual feature size (2048 image, 512 video)
     * @return facebook/bart-base with 50465 tokens, 6 + 6 layers
     */
    static SyntheticBackbone bartBase(LayerHooks hooks, long featDim) {
        long d = 768;
        long ffn = 3072;
        long vocab = 50465;
        SyntheticBackbone m = new SyntheticBackbone(hooks, d);
        m.module("shared", new Leaf().add("weight", vocab, d));
        for (Stack stack : Stack.values()) {
            boolean dec = stack == Stack.DECODER;
            Node s = m.module(dec ? "decoder" : "encoder", new Node());
            s.add("embed_positions", new Leaf().add("weight", 1026, d));
            if (!dec) {
                s.add("visual_embedding", m.visualEmbedding(featDim, false));
                PromptProvider prompt = hooks.encoderPrompt(d);
                if (prompt != null) {
                    s.add("prompt_modules", prompt.asModule());
                }
            }
            Node layers = s.add("layers", new Node());
            for (int i = 0; i < 6; i++) {
                Node l = layers.add(Integer.toString(i), new Node());
                Node attn = l.add("self_attn", new Node());
                m.projection(attn, stack, i, SubLayer.SELF_ATTENTION, "k_proj", Role.KEY, d, d, true);
                m.projection(attn, stack, i, SubLayer.SELF_ATTENTION, "v_proj", Role.VALUE, d, d, true);
                m.projection(attn, stack, i, SubLayer.SELF_ATTENTION, "q_proj", Role.QUERY, d, d, true);
                m.projection(attn, stack, i, SubLayer.SELF_ATTENTION, "out_proj", Role.OUTPUT, d, d, true);
                l.add("self_attn_layer_norm", new Leaf().add("weight", d).add("bias", d));
                m.adapter(l, dec ? "self_attn_adapter" : "attn_adapter", stack, i, 6, SubLayer.SELF_ATTENTION);
                if (dec) {
                    Node cross = l.add("encoder_attn", new Node());
                    m.projection(cross, stack, i, SubLayer.CROSS_ATTENTION, "k_proj", Role.KEY, d, d, true);
                    m.projection(cross, stack, i, SubLayer.CROSS_ATTENTION, "v_proj", Role.VALUE, d, d, true);
                    m.projection(cross, stack, i, SubLayer.CROSS_ATTENTION, "q_proj", Role.QUERY, d, d, true);
                    m.projection(cross, stack, i, SubLayer.CROSS_ATTENTION, "out_proj", Role.OUTPUT, d, d, true);
                    l.add("encoder_attn_layer_norm", new Leaf().add("weight", d).add("bias", d));
                    m.adapter(l, "enc_attn_adapter", stack, i, 6, SubLayer.CROSS_ATTENTION);
                }
                m.projection(l, stack, i, SubLayer.FEED_FORWARD, "fc1", Role.FFN_IN, d, ffn, true);
                m.projection(l, stack, i, SubLayer.FEED_FORWARD, "fc2", Role.FFN_OUT, ffn, d, true);
                l.add("final_layer_norm", new Leaf().add("weight", d).add("bias", d));
                m.adapter(l, "ff_adapter", stack, i, 6, SubLayer.FEED_FORWARD);
            }
            s.add("layernorm_embedding", new Leaf().add("weight", d).add("bias", d));
        }
        m.roots();
        m.param("final_logits_bias", new Shape(1, vocab), Initializers.zeros());
        return m;
    }

    /**
     * @param hooks the PEFT hooks
     * @return t5-base with 32200 tokens, 12 + 12 blocks
     */
    static SyntheticBackbone t5Base(LayerHooks hooks) {
        long d = 768;
        long ffn = 3072;
        SyntheticBackbone m = new SyntheticBackbone(hooks, d);
        m.module("shared", new Leaf().add("weight", 32200, d));
        for (Stack stack : Stack.values()) {
            boolean dec = stack == Stack.DECODER;
            Node s = m.module(dec ? "decoder" : "encoder", new Node());
            if (!dec) {
                s.add("visual_embedding", m.visualEmbedding(2048, true));
                PromptProvider prompt = hooks.encoderPrompt(d);
                if (prompt != null) {
                    s.add("prompt_modules", prompt.asModule());
                }
            }
            Node blocks = s.add("block", new Node());
            for (int i = 0; i < 12; i++) {
                Node layer = blocks.add(Integer.toString(i), new Node()).add("layer", new Node());
                int k = 0;
                for (SubLayer sub : dec
                        ? new SubLayer[] {SubLayer.SELF_ATTENTION, SubLayer.CROSS_ATTENTION, SubLayer.FEED_FORWARD}
                        : new SubLayer[] {SubLayer.SELF_ATTENTION, SubLayer.FEED_FORWARD}) {
                    Node part = layer.add(Integer.toString(k++), new Node());
                    if (sub == SubLayer.FEED_FORWARD) {
                        Node ff = part.add("DenseReluDense", new Node());
                        m.projection(ff, stack, i, sub, "wi", Role.FFN_IN, d, ffn, false);
                        m.projection(ff, stack, i, sub, "wo", Role.FFN_OUT, ffn, d, false);
                    } else {
                        Node attn = part.add(sub == SubLayer.SELF_ATTENTION ? "SelfAttention" : "EncDecAttention", new Node());
                        m.projection(attn, stack, i, sub, "q", Role.QUERY, d, d, false);
                        m.projection(attn, stack, i, sub, "k", Role.KEY, d, d, false);
                        m.projection(attn, stack, i, sub, "v", Role.VALUE, d, d, false);
                        m.projection(attn, stack, i, sub, "o", Role.OUTPUT, d, d, false);
                        if (i == 0 && sub == SubLayer.SELF_ATTENTION) {
                            attn.add("relative_attention_bias", new Leaf().add("weight", 32, 12));
                        }
                    }
                    part.add("layer_norm", new Leaf().add("weight", d));
                    m.adapter(part, sub == SubLayer.FEED_FORWARD ? "ff_adapter"
                            : sub == SubLayer.SELF_ATTENTION ? "attn_adapter" : "enc_attn_adapter", stack, i, 12, sub);
                }
            }
            s.add("final_layer_norm", new Leaf().add("weight", d));
        }
        m.roots();
        return m;
    }
}
