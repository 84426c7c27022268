package org.vladapter.backbone.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import org.vladapter.backbone.DecoderCache;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.nn.Buffer;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/**
 * BART for conditional generation ({@code BartForConditionalGeneration}), parameter names as HF's:
 * {@code model.shared.weight}, {@code model.encoder.layers.0.self_attn.q_proj.weight}, ... and the buffer
 * {@code final_logits_bias}. The LM head is the shared embedding plus {@code final_logits_bias}.
 */
public final class BartModel extends EncoderDecoder {

    private final Core core;
    private final Buffer finalLogitsBias;

    /**
     * @param config model configuration
     * @param hooks PEFT hooks
     * @param visualEmbedding the visual embedding for VL-BART (registered as
     *     {@code model.encoder.visual_embedding}), or {@code null} for a text model
     */
    public BartModel(ModelConfig config, LayerHooks hooks, Module visualEmbedding) {
        super(config);
        core = module("model", new Core(config, hooks, visualEmbedding));
        finalLogitsBias = buffer("final_logits_bias", new Shape(1, config.vocabSize()));
    }

    /**
     * @param config model configuration
     */
    public BartModel(ModelConfig config) {
        this(config, LayerHooks.NONE, null);
    }

    @Override
    public Parameter sharedEmbedding() {
        return core.shared.weight();
    }

    @Override
    public Module visualEmbedding() {
        return core.encoder.visualEmbedding();
    }

    @Override
    public EncoderOutput encode(EncoderInput input, ForwardContext ctx) {
        return core.encoder.encode(input, ctx);
    }

    @Override
    public NDArray decoderHidden(NDArray ids, EncoderOutput encoder, DecoderCache cache, ForwardContext ctx) {
        return core.decoder.forward(ids, encoder, cache, ctx);
    }

    @Override
    public NDArray lmLogits(NDArray hidden) {
        NDArray logits = Linear.linear(hidden, core.shared.weight().getArray(), null).singletonOrThrow();
        return logits.add(finalLogitsBias.array());
    }

    /** BART's {@code model} sub-module: shared embedding, encoder, decoder. */
    private static final class Core extends Module {
        final EmbeddingTable shared;
        final BartEncoder encoder;
        final BartDecoder decoder;

        Core(ModelConfig config, LayerHooks hooks, Module visualEmbedding) {
            shared = module("shared", new EmbeddingTable(config.vocabSize(), config.dModel(), new NormalInitializer(config.initStd())));
            encoder = module("encoder", new BartEncoder(config, hooks, shared, visualEmbedding));
            decoder = module("decoder", new BartDecoder(config, hooks, shared));
            // the original VL-BART keeps shared PEFT modules under model.: model.shared_task_embed.*,
            // model.encoder.adapter_layers_hyper_net.* (docs/behaviour.md#parameter-names)
            hooks.rootModules().forEach(this::module);
        }
    }
}
