package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/**
 * An encoder-decoder language model (BART or T5) as a DJL block with HF parameter names.
 *
 * <p>Typed use: {@link #encode}, then {@link #decode} (with a {@link DecoderCache} for incremental
 * generation). As a plain DJL block, {@code forward} takes {@code (input_ids, attention_mask,
 * decoder_input_ids)} and returns {@code (logits)}.
 */
public abstract class EncoderDecoder extends Module {

    /** The configuration this model was built from. */
    protected final ModelConfig config;

    /**
     * @param config the configuration
     */
    protected EncoderDecoder(ModelConfig config) {
        this.config = config;
    }

    /** @return the configuration */
    public ModelConfig config() {
        return config;
    }

    /** @return the shared token embedding [vocab, d] (also the tied LM head) */
    public abstract Parameter sharedEmbedding();

    /** @return the visual embedding registered under the encoder, or {@code null} for a text model */
    public abstract Module visualEmbedding();

    /** @return the number of decoder layers */
    public int decoderLayers() {
        return config.decoderLayers();
    }

    /**
     * Runs the encoder over prompt, text and visual tokens.
     *
     * @param input the encoder input
     * @param ctx forward context
     * @return the encoder output and its mask
     */
    public abstract EncoderOutput encode(EncoderInput input, ForwardContext ctx);

    /**
     * Runs the decoder and returns its last hidden state (before the LM head).
     *
     * @param decoderInputIds [B, T] new decoder tokens (all of them, or only the new ones with a cache)
     * @param encoder the encoder output
     * @param cache the cache of earlier positions, or {@code null} to decode without one
     * @param ctx forward context
     * @return [B, T, d]
     */
    public abstract NDArray decoderHidden(NDArray decoderInputIds, EncoderOutput encoder, DecoderCache cache,
            ForwardContext ctx);

    /**
     * Applies the LM head.
     *
     * @param decoderHidden [B, T, d]
     * @return logits [B, T, vocab]
     */
    public abstract NDArray lmLogits(NDArray decoderHidden);

    /**
     * Decoder plus LM head.
     *
     * @param decoderInputIds [B, T]
     * @param encoder the encoder output
     * @param cache the cache of earlier positions, or {@code null}
     * @param ctx forward context
     * @return logits [B, T, vocab]
     */
    public NDArray decode(NDArray decoderInputIds, EncoderOutput encoder, DecoderCache cache, ForwardContext ctx) {
        return lmLogits(decoderHidden(decoderInputIds, encoder, cache, ctx));
    }

    /**
     * Teacher-forced forward pass.
     *
     * @param input the encoder input
     * @param decoderInputIds [B, T]
     * @param ctx forward context
     * @return logits [B, T, vocab]
     */
    public NDArray forward(EncoderInput input, NDArray decoderInputIds, ForwardContext ctx) {
        return decode(decoderInputIds, encode(input, ctx), null, ctx);
    }

    /** @return a fresh cache for incremental decoding */
    public DecoderCache newCache() {
        return new DecoderCache(config.decoderLayers());
    }

    /**
     * Shifts labels right to make decoder inputs, as HF's {@code shift_tokens_right}: the decoder start
     * token first, and -100 replaced by the pad id.
     *
     * @param labels [B, T] int64 with -100 at ignored positions
     * @return [B, T] decoder input ids
     */
    public NDArray shiftRight(NDArray labels) {
        long b = labels.getShape().get(0);
        long t = labels.getShape().get(1);
        NDArray start = labels.getManager().full(new ai.djl.ndarray.types.Shape(b, 1), config.decoderStartId());
        NDArray body = labels.get(":, :" + (t - 1));
        NDArray ignored = body.eq(-100);
        body = body.mul(ignored.logicalNot().toType(ai.djl.ndarray.types.DataType.INT64, false))
                .add(ignored.toType(ai.djl.ndarray.types.DataType.INT64, false).mul(config.padId()));
        return start.toType(ai.djl.ndarray.types.DataType.INT64, false).concat(body, 1);
    }

    /** {@inheritDoc} Inputs: {@code input_ids, attention_mask, decoder_input_ids}; output: {@code logits}. */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ForwardContext ctx = new ForwardContext(training, null);
        NDArray logits = forward(EncoderInput.ofIds(inputs.get(0), inputs.get(1)), inputs.get(2), ctx);
        return new NDList(logits);
    }
}
