package org.vladapter.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.vladapter.model.VlAdapter;
import org.vladapter.model.VlModel;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.Task;
import org.vladapter.train.AdamW;
import org.vladapter.train.GradientClipping;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Where a small model's training step spends its time: the fixed cost of one native (JNI) op, the step split
 * into forward, backward, gradient clipping and AdamW, and the step time against the batch size fitted as
 * {@code t(B) = fixed + B * per_example}. A fixed part much larger than the per-example part means the step is
 * dominated by per-op dispatch, not arithmetic, so fewer and larger ops (or larger batches) pay off.
 *
 * <p>The model is a small VL-BART of the ShapesWorld size (d_model 128, 2 + 2 layers, 4 heads, FFN 256,
 * vocabulary 1,000 + the 200 VL tokens, visual features of width 128) with random weights, or any HF folder.
 */
public final class StepProfileBench {

    private StepProfileBench() {}

    /** The small configuration the reproduce job's backbones have. */
    static ModelConfig smallBart() {
        JsonObject c = JsonParser.parseString("""
                {"model_type": "bart", "d_model": 128, "encoder_layers": 2, "decoder_layers": 2,
                 "encoder_attention_heads": 4, "decoder_attention_heads": 4, "encoder_ffn_dim": 256,
                 "decoder_ffn_dim": 256, "vocab_size": 1000, "max_position_embeddings": 512,
                 "activation_function": "gelu", "pad_token_id": 1, "bos_token_id": 0, "eos_token_id": 2,
                 "decoder_start_token_id": 2, "forced_eos_token_id": 2, "scale_embedding": false,
                 "dropout": 0.1, "attention_dropout": 0.0, "activation_dropout": 0.0}
                """).getAsJsonObject();
        return ModelConfig.fromJson(c, null, "small VL-BART");
    }

    /**
     * @param backbone a backbone (null: {@link #smallBart()} with random weights)
     * @param methods methods to split
     * @param batch batch size of the split
     * @param runs measured steps (median)
     * @param out where to print
     */
    public static void run(Backbone backbone, List<MethodPreset> methods, int batch, int runs, PrintStream out) {
        Backbone bb = backbone != null ? backbone : Backbone.random("small-bart", smallBart());
        int featureDim = 128;
        out.printf(Locale.ROOT, "machine: %d cores, Java %s, DJL engine %s, OMP_NUM_THREADS=%s; %s; VQA batches with 20 text"
                        + " + 36 visual tokens in, 6 out; median of %d steps after 2%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Engine.getInstance().getVersion(),
                System.getenv("OMP_NUM_THREADS"), bb.id(), runs);
        opCost(out);
        Batch b = MethodBench.vqaBatch(bb.config(), batch, 20, 36, 6, featureDim);
        out.println();
        out.println("| method | forward ms | backward ms | clip ms | AdamW ms | step ms |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (MethodPreset m : methods) {
            double[] p = split(bb, m, b, featureDim, runs);
            out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", m.cliName(), p[0], p[1], p[2], p[3],
                    p[0] + p[1] + p[2] + p[3]);
        }
        out.println();
        out.println("| method | B=1 ms | B=8 ms | B=32 ms | B=64 ms | fixed ms | per example ms |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        int[] sizes = {1, 8, 32, 64};
        for (MethodPreset m : List.of(MethodPreset.FULL_FINETUNING, MethodPreset.SINGLE_ADAPTER)) {
            double[] t = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                double[] p = split(bb, m, MethodBench.vqaBatch(bb.config(), sizes[i], 20, 36, 6, featureDim), featureDim, runs);
                t[i] = p[0] + p[1] + p[2] + p[3];
            }
            double[] fit = fit(sizes, t);
            out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |%n", m.cliName(), t[0], t[1], t[2], t[3],
                    fit[0], fit[1]);
        }
    }

    /** Least squares t = a + b * B. */
    static double[] fit(int[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }

    /** Microseconds of one tiny native op (add of two 1-element arrays, result closed by the scope). */
    private static void opCost(PrintStream out) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new ai.djl.ndarray.types.Shape(1));
            NDArray big = m.ones(new ai.djl.ndarray.types.Shape(64, 128));
            int n = 20_000;
            double[] tiny = BenchStats.time(1, 3, () -> {
                try (NDScope s = new NDScope()) {
                    s.suppressNotUsedWarning();
                    for (int i = 0; i < n; i++) {
                        x.add(x);
                    }
                }
            });
            double[] scalar = BenchStats.time(1, 3, () -> {
                try (NDScope s = new NDScope()) {
                    s.suppressNotUsedWarning();
                    for (int i = 0; i < n; i++) {
                        x.mul(0.5f);
                    }
                }
            });
            double[] matmul = BenchStats.time(1, 3, () -> {
                try (NDScope s = new NDScope()) {
                    s.suppressNotUsedWarning();
                    for (int i = 0; i < 2000; i++) {
                        big.matMul(big.transpose());
                    }
                }
            });
            out.printf(Locale.ROOT, "one tiny op (1-element add): %.1f us; array * Java number: %.1f us;"
                            + " a (64x128)x(128x64) matmul: %.1f us%n",
                    BenchStats.median(tiny) / n * 1e6, BenchStats.median(scalar) / n * 1e6,
                    BenchStats.median(matmul) / 2000 * 1e6);
        }
    }

    /** Median milliseconds of forward, backward, clipping and AdamW of one method's step. */
    private static double[] split(Backbone bb, MethodPreset method, Batch batch, int featureDim, int runs) {
        VlModel model = VlAdapter.builder().backbone(bb).method(method).tasks(Task.imageTasks()).featureDim(featureDim).build();
        String task = batch.task().key();
        double[][] parts = new double[4][runs];
        try (NDManager ignored = model.manager();
                AdamW adam = AdamW.builder().parameters(model.namedParameters()).build()) {
            for (int i = 0; i < 2 + runs; i++) {
                long t0 = System.nanoTime();
                long t1;
                long t2;
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray loss = model.loss(batch, ForwardContext.train(task));
                    loss.getFloat();
                    t1 = System.nanoTime();
                    gc.backward(loss);
                    t2 = System.nanoTime();
                }
                GradientClipping.clipGlobalNorm(adam.trainableParameters().values(), 5.0);
                long t3 = System.nanoTime();
                adam.step(1e-4, n -> model.usesParameter(task, n));
                long t4 = System.nanoTime();
                if (i >= 2) {
                    parts[0][i - 2] = (t1 - t0) / 1e6;
                    parts[1][i - 2] = (t2 - t1) / 1e6;
                    parts[2][i - 2] = (t3 - t2) / 1e6;
                    parts[3][i - 2] = (t4 - t3) / 1e6;
                }
            }
        }
        return new double[] {BenchStats.median(parts[0]), BenchStats.median(parts[1]), BenchStats.median(parts[2]),
            BenchStats.median(parts[3])};
    }
}
