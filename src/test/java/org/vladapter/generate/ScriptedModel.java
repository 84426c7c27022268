package org.vladapter.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vladapter.backbone.DecoderCache;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.ModelType;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/**
 * A stand-in encoder-decoder whose next-token distribution is a hand-written table: for input row {@code i} and the
 * tokens generated so far (after the start token) it returns {@code ln p} as logits, so the log-softmax gives back
 * {@code ln p} and beam scores are sums of logs of the table's probabilities. Decode without a cache.
 */
final class ScriptedModel extends EncoderDecoder {

    /** The table: probabilities over the vocabulary, summing to 1. */
    interface Script {
        double[] next(int input, List<Long> generated);
    }

    private final Script script;

    ScriptedModel(ModelConfig config, Script script) {
        super(config);
        this.script = script;
    }

    /** A T5-like vocabulary of 4: pad 0 (also the decoder start), eos 1, a 2, b 3; no forced EOS. */
    static ModelConfig t5Like() {
        return new ModelConfig(ModelType.T5, 4, 8, 1, 1, 1, 1, 8, 8, 8, 0, 32, 128, 0f, 0f, 0f, "relu", 1e-6f,
                false, true, 1f, 0, -1, 1, 0, -1, ModelConfig.GenerationDefaults.HF);
    }

    /** A BART-like vocabulary of 5: bos 0, pad 1, eos 2 (also the decoder start and the forced EOS), a 3, b 4. */
    static ModelConfig bartLike() {
        return new ModelConfig(ModelType.BART, 5, 8, 1, 1, 1, 1, 8, 8, 8, 16, 0, 0, 0f, 0f, 0f, "gelu", 1e-5f,
                false, true, 0.02f, 1, 0, 2, 2, 2, ModelConfig.GenerationDefaults.HF);
    }

    /** An encoder input of {@code batch} rows (the scripted model only reads the row index). */
    static EncoderInput input(NDManager manager, int batch) {
        return EncoderInput.ofIds(manager.zeros(new Shape(batch, 1), ai.djl.ndarray.types.DataType.INT64),
                manager.ones(new Shape(batch, 1)));
    }

    @Override
    public Parameter sharedEmbedding() {
        throw new UnsupportedOperationException("scripted model");
    }

    @Override
    public Module visualEmbedding() {
        return null;
    }

    @Override
    public EncoderOutput encode(EncoderInput input, ForwardContext ctx) {
        int b = Math.toIntExact(input.batchSize());
        float[] rows = new float[b];
        for (int i = 0; i < b; i++) {
            rows[i] = i;
        }
        NDManager m = input.inputIds().getManager();
        return new EncoderOutput(m.create(rows, new Shape(b, 1, 1)), m.ones(new Shape(b, 1)), List.of());
    }

    @Override
    public NDArray decoderHidden(NDArray decoderInputIds, EncoderOutput encoder, DecoderCache cache,
            ForwardContext ctx) {
        if (cache != null) {
            throw new IllegalStateException("decode the scripted model without a cache");
        }
        int rows = Math.toIntExact(decoderInputIds.getShape().get(0));
        int t = Math.toIntExact(decoderInputIds.getShape().get(1));
        int v = config.vocabSize();
        long[] ids = decoderInputIds.toLongArray();
        float[] inputOfRow = encoder.hidden().toFloatArray();
        float[] out = new float[rows * t * v];
        for (int r = 0; r < rows; r++) {
            List<Long> generated = new ArrayList<>();
            for (int j = 1; j < t; j++) {
                generated.add(ids[r * t + j]);
            }
            double[] p = script.next(Math.round(inputOfRow[r]), generated);
            if (p.length != v || Math.abs(Arrays.stream(p).sum() - 1) > 1e-9) {
                throw new IllegalStateException("bad table row for " + generated + ": " + Arrays.toString(p));
            }
            for (int k = 0; k < v; k++) {
                out[(r * t + t - 1) * v + k] = (float) Math.log(p[k]);
            }
        }
        return decoderInputIds.getManager().create(out, new Shape(rows, t, v));
    }

    @Override
    public NDArray lmLogits(NDArray decoderHidden) {
        return decoderHidden;
    }
}
