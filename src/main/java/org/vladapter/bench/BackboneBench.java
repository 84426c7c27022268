package org.vladapter.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.bart.BartModel;
import org.vladapter.backbone.t5.T5Model;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.generate.Generator;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Losses;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Backbone benchmarks: a full fine-tuning training step (forward + backward) of a preset with text and
 * visual tokens, and greedy generation with and without the key/value cache (exactly {@code newTokens}
 * tokens per row, timed in turns so that a busy machine slows both alike).
 */
public final class BackboneBench {

    private BackboneBench() {}

    /**
     * @param preset {@code bart-base} or {@code t5-base}
     * @param batch batch size
     * @param textTokens text tokens per example
     * @param visualTokens visual tokens per example (random embeddings appended to the encoder input)
     * @param outputTokens decoder tokens per example
     * @param newTokens tokens to generate
     * @param runs measured runs
     * @param out where to print
     */
    public static void run(String preset, int batch, int textTokens, int visualTokens, int outputTokens, int newTokens,
            int runs, PrintStream out) {
        ModelConfig config = ModelConfig.preset(preset);
        if (config == null) {
            throw new IllegalArgumentException("unknown preset '" + preset + "'; presets: bart-base, t5-base");
        }
        out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s, DJL engine %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"), Engine.getInstance().getVersion());
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            EncoderDecoder model = config.type() == org.vladapter.backbone.ModelType.BART
                    ? new BartModel(config) : new T5Model(config);
            model.initialize(manager, DataType.FLOAT32);
            double rssAfterInit = BenchStats.rssMiB();
            NDArray ids = manager.randomInteger(3, 1000, new Shape(batch, textTokens), DataType.INT64);
            NDArray mask = manager.ones(new Shape(batch, textTokens), DataType.INT64);
            NDArray visual = manager.randomNormal(new Shape(batch, visualTokens, config.dModel()));
            NDArray labels = manager.randomInteger(3, 1000, new Shape(batch, outputTokens), DataType.INT64);
            EncoderInput input = EncoderInput.ofIds(ids, mask).withVisual(visual, null);

            double[] step = BenchStats.time(1, runs, () -> {
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = model.forward(input, model.shiftRight(labels), ForwardContext.train(null));
                    gc.backward(Losses.tokenMean(logits, labels));
                }
                try (NDScope scope = new NDScope()) { // getGradient() makes a new array on the parameters' manager
                    for (Parameter p : model.namedParameters().values()) {
                        p.getArray().getGradient().subi(p.getArray().getGradient());
                    }
                }
            });
            out.printf(Locale.ROOT, "train step (%s, batch %d, %d text + %d visual in, %d out): median %.3f s over %d runs;"
                    + " RSS after init %.0f MiB, peak RSS %.0f MiB%n", preset, batch, textTokens, visualTokens, outputTokens,
                    BenchStats.median(step), runs, rssAfterInit, BenchStats.peakRssMiB());

            Generator gen = new Generator(model);
            EncoderInput evalInput = input;
            Runnable[] variants = new Runnable[2];
            for (int c = 0; c < 2; c++) {
                // EOS is banned until the last token: a random model may otherwise stop at once (it emits EOS
                // first for bart-base), and the benchmark would time the encoder and one step
                GenerationConfig cfg = GenerationConfig.builder().maxNewTokens(newTokens).minLength(newTokens + 1)
                        .useCache(c == 0).build();
                variants[c] = () -> gen.generate(evalInput, cfg, ForwardContext.EVAL);
            }
            double[][] timings = BenchStats.timeInTurns(1, runs, variants);
            double withCache = BenchStats.median(timings[0]);
            double without = BenchStats.median(timings[1]);
            double tokens = (double) batch * newTokens;
            out.printf(Locale.ROOT, "greedy generation (batch %d, %d new tokens): with cache %.3f s (%.0f tokens/s),"
                    + " without %.3f s (%.0f tokens/s); speed-up %.2fx%n", batch, newTokens, withCache, tokens / withCache,
                    without, tokens / without, without / withCache);
        }
    }
}
