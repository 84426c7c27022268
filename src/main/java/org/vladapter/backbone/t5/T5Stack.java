package org.vladapter.backbone.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.vladapter.backbone.DecoderCache;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.Masks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.PromptProvider;
import org.vladapter.backbone.Stack;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.nn.ModuleList;
import org.vladapter.nn.Ops;
import org.vladapter.nn.RmsNorm;

import java.util.ArrayList;
import java.util.List;

/**
 * T5's encoder or decoder stack ({@code T5Stack}). The encoder reads {@code [prompt; text; visual]};
 * the relative position bias covers prompt and text, and visual tokens get zero position bias (VL-T5).
 */
public final class T5Stack extends Module {

    private final ModelConfig config;
    private final Stack stack;
    private final EmbeddingTable shared;
    private final ModuleList<T5Block> blocks;
    private final RmsNorm finalNorm;
    private final PromptProvider prompt;
    private final Module visualEmbedding;

    /**
     * @param config model configuration
     * @param hooks PEFT hooks
     * @param stack encoder or decoder
     * @param shared the shared token embedding (registered by the parent)
     * @param visualEmbedding encoder only: the visual embedding ({@code visual_embedding}) or {@code null}
     */
    public T5Stack(ModelConfig config, LayerHooks hooks, Stack stack, EmbeddingTable shared, Module visualEmbedding) {
        this.config = config;
        this.stack = stack;
        this.shared = shared;
        blocks = module("block", new ModuleList<>());
        int n = stack == Stack.ENCODER ? config.encoderLayers() : config.decoderLayers();
        for (int i = 0; i < n; i++) {
            blocks.add(new T5Block(config, hooks, stack, i));
        }
        finalNorm = module("final_layer_norm", new RmsNorm(config.dModel(), config.layerNormEps()));
        prompt = stack == Stack.ENCODER ? hooks.encoderPrompt(config.dModel()) : null;
        if (prompt != null) {
            module("prompt_modules", prompt.asModule());
        }
        this.visualEmbedding = visualEmbedding == null ? null : module("visual_embedding", visualEmbedding);
    }

    /** @return the visual embedding, or {@code null} */
    public Module visualEmbedding() {
        return visualEmbedding;
    }

    /**
     * Encoder pass.
     *
     * @param input text, mask and visual tokens
     * @param ctx forward context
     * @return the encoder output
     */
    public EncoderOutput encode(EncoderInput input, ForwardContext ctx) {
        NDArray textMask = input.attentionMask().toType(DataType.FLOAT32, false);
        NDManager m = textMask.getManager();
        long b = input.batchSize();
        NDArray embeds = input.inputIds() != null ? shared.forward(input.inputIds()) : input.inputsEmbeds();
        List<NDArray> parts = new ArrayList<>();
        List<NDArray> maskParts = new ArrayList<>();
        if (prompt != null) {
            parts.add(prompt.prompt(m, b, ctx));
            maskParts.add(m.ones(new Shape(b, prompt.length())));
        }
        parts.add(embeds);
        maskParts.add(textMask);
        long visual = 0;
        if (input.visualEmbeds() != null) {
            visual = input.visualEmbeds().getShape().get(1);
            parts.add(input.visualEmbeds());
            maskParts.add(input.visualMask() != null
                    ? input.visualMask().toType(DataType.FLOAT32, false)
                    : m.ones(new Shape(b, visual)));
        }
        NDArray h = parts.size() == 1 ? embeds : NDArrays.concat(new NDList(parts.toArray(new NDArray[0])), 1);
        NDArray mask = maskParts.size() == 1 ? textMask : NDArrays.concat(new NDList(maskParts.toArray(new NDArray[0])), 1);
        long positional = h.getShape().get(1) - visual;
        NDArray position = blocks.get(0).selfAttention().attention().relativeBias().compute(m, positional, positional, 0);
        if (visual > 0) {
            long heads = position.getShape().get(1);
            position = position.concat(m.zeros(new Shape(1, heads, positional, visual)), 3);
            position = position.concat(m.zeros(new Shape(1, heads, visual, positional + visual)), 2);
        }
        NDArray bias = position.add(Masks.padding(mask));
        h = Ops.dropout(h, config.dropout(), ctx);
        List<NDArray> states = new ArrayList<>();
        for (T5Block block : blocks.items()) {
            states.add(h);
            h = block.forward(h, bias, null, null, null, null, ctx);
        }
        h = Ops.dropout(finalNorm.forward(h), config.dropout(), ctx);
        states.add(h);
        return new EncoderOutput(h, mask, states);
    }

    /**
     * Decoder pass.
     *
     * @param ids [B, T] decoder tokens (only the new ones with a cache)
     * @param encoder encoder output
     * @param cache generation cache or {@code null}
     * @param ctx forward context
     * @return [B, T, d] after the final norm
     */
    public NDArray decode(NDArray ids, EncoderOutput encoder, DecoderCache cache, ForwardContext ctx) {
        NDManager m = ids.getManager();
        long t = ids.getShape().get(1);
        long past = cache == null ? 0 : cache.pastLength();
        NDArray h = Ops.dropout(shared.forward(ids), config.dropout(), ctx);
        NDArray selfBias = blocks.get(0).selfAttention().attention().relativeBias().compute(m, t, past + t, past)
                .add(Masks.causal(m, t, past));
        NDArray crossBias = Masks.padding(encoder.mask());
        for (int i = 0; i < blocks.size(); i++) {
            h = blocks.get(i).forward(h, selfBias, encoder.hidden(), crossBias,
                    cache == null ? null : cache.self(i), cache == null ? null : cache.cross(i), ctx);
        }
        return Ops.dropout(finalNorm.forward(h), config.dropout(), ctx);
    }
}
