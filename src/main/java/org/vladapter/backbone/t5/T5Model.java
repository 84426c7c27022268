package org.vladapter.backbone.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import org.vladapter.backbone.DecoderCache;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.Stack;
import org.vladapter.nn.Dense;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/**
 * T5 for conditional generation ({@code T5ForConditionalGeneration}), parameter names as HF's:
 * {@code shared.weight}, {@code encoder.block.0.layer.0.SelfAttention.q.weight}, ... With tied
 * embeddings the decoder output is scaled by d_model^-0.5 before the shared-embedding head; otherwise
 * a separate {@code lm_head} is used.
 */
public final class T5Model extends EncoderDecoder {

    private final EmbeddingTable shared;
    private final T5Stack encoder;
    private final T5Stack decoder;
    private final Dense lmHead;

    /**
     * @param config model configuration
     * @param hooks PEFT hooks
     * @param visualEmbedding the visual embedding for VL-T5 (registered as {@code encoder.visual_embedding}),
     *     or {@code null}
     */
    public T5Model(ModelConfig config, LayerHooks hooks, Module visualEmbedding) {
        super(config);
        shared = module("shared", new EmbeddingTable(config.vocabSize(), config.dModel(), T5Init.shared(config)));
        encoder = module("encoder", new T5Stack(config, hooks, Stack.ENCODER, shared, visualEmbedding));
        decoder = module("decoder", new T5Stack(config, hooks, Stack.DECODER, shared, null));
        lmHead = config.tieWordEmbeddings()
                ? null
                : module("lm_head", new Dense(config.dModel(), config.vocabSize(), false, T5Init.shared(config), null));
        hooks.rootModules().forEach(this::module);
    }

    /**
     * @param config model configuration
     */
    public T5Model(ModelConfig config) {
        this(config, LayerHooks.NONE, null);
    }

    @Override
    public Parameter sharedEmbedding() {
        return shared.weight();
    }

    @Override
    public Module visualEmbedding() {
        return encoder.visualEmbedding();
    }

    @Override
    public EncoderOutput encode(EncoderInput input, ForwardContext ctx) {
        return encoder.encode(input, ctx);
    }

    @Override
    public NDArray decoderHidden(NDArray ids, EncoderOutput enc, DecoderCache cache, ForwardContext ctx) {
        return decoder.decode(ids, enc, cache, ctx);
    }

    @Override
    public NDArray lmLogits(NDArray hidden) {
        if (lmHead != null) {
            return lmHead.forward(hidden);
        }
        NDArray scaled = org.vladapter.nn.Ops.scale(hidden, (float) Math.pow(config.dModel(), -0.5));
        return Linear.linear(scaled, shared.weight().getArray(), null).singletonOrThrow();
    }
}
