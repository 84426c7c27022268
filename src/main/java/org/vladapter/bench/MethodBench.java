package org.vladapter.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.vladapter.model.VlAdapter;
import org.vladapter.model.VlModel;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.ModelType;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.ParameterSummary;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.Task;
import org.vladapter.tokenize.TextEncoder;
import org.vladapter.train.AdamW;
import org.vladapter.vision.features.FeatureStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One training step of every method on a preset backbone (random weights, image tasks): forward and backward
 * of a VQA batch and the AdamW update, with the memory each part needs, reported separately:
 *
 * <ul>
 *   <li>trainable parameters (count, % and MiB) — what an adapter checkpoint holds;
 *   <li>gradients (MiB): one float per trainable element the step's task uses — frozen parameters get no
 *       gradient buffer;
 *   <li>AdamW state (MiB, from {@link AdamW#stateBytes()}) after the measured steps: two moments per element
 *       updated so far, none for frozen ones; with per-task modules only the step's task has state, so the
 *       table also gives the state once every task has trained (8 bytes per trainable element);
 *   <li>activations (MiB): peak resident memory during forward + backward minus the resident memory before it
 *       (Linux: the peak is reset through {@code /proc/self/clear_refs}); an estimate that includes allocator
 *       slack. Run with {@code MALLOC_MMAP_THRESHOLD_=131072} so that freed tensors go back to the system and
 *       the baseline is not inflated by cached memory.
 * </ul>
 *
 * Step times are medians over the measured runs after warm-up runs. Prints a Markdown table.
 */
public final class MethodBench {

    private MethodBench() {}

    /** One method's measurements. */
    public record Row(MethodPreset method, long trainable, double percent, double trainableMiB, double gradientMiB,
            double optimizerMiB, double activationMiB, double stepSeconds, double buildSeconds) {}

    /**
     * @param preset backbone preset ({@code bart-base})
     * @param methods the methods to measure, in order
     * @param batch batch size
     * @param textTokens encoder text tokens per example (bos and eos included)
     * @param visualTokens visual tokens per example (a square: 36)
     * @param outputTokens decoder tokens per example (eos included)
     * @param warmup unmeasured steps
     * @param runs measured steps
     * @param out where to print
     * @return the rows
     */
    public static List<Row> run(String preset, List<MethodPreset> methods, int batch, int textTokens, int visualTokens,
            int outputTokens, int warmup, int runs, PrintStream out) {
        Backbone backbone = Backbone.preset(preset);
        out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s, DJL engine %s; %s, image tasks, feature dim 2048;"
                        + " VQA batch %d: %d text + %d visual tokens in, %d out; AdamW; median of %d steps after %d%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), System.getProperty("java.version"),
                Engine.getInstance().getVersion(), preset, batch, textTokens, visualTokens, outputTokens, runs, warmup);
        Batch vqa = vqaBatch(backbone.config(), batch, textTokens, visualTokens, outputTokens);
        List<Row> rows = new ArrayList<>();
        for (MethodPreset m : methods) {
            Row r = measure(backbone, m, vqa, warmup, runs);
            rows.add(r);
            out.printf(Locale.ROOT, "  %s: step %.2f s, activations %.0f MiB%n", m.cliName(), r.stepSeconds(), r.activationMiB());
        }
        out.println();
        out.println("| method | trainable params | % | trainable MiB | gradients MiB | AdamW state MiB (VQA steps)"
                + " | AdamW state MiB (all tasks) | activations MiB (peak RSS Δ) | step s (median) | build s |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.1f | %.1f | %.1f | %.1f | %.0f | %.2f | %.1f |%n",
                    r.method().cliName(), r.trainable(), r.percent(), r.trainableMiB(), r.gradientMiB(), r.optimizerMiB(),
                    2 * r.trainableMiB(), r.activationMiB(), r.stepSeconds(), r.buildSeconds());
        }
        Row single = find(rows, MethodPreset.SINGLE_ADAPTER);
        Row full = find(rows, MethodPreset.FULL_FINETUNING);
        if (single != null && full != null) {
            out.printf(Locale.ROOT, "%nsingle-adapter AdamW state / full fine-tuning AdamW state = %.2f %%%n",
                    100.0 * single.optimizerMiB() / full.optimizerMiB());
        }
        return rows;
    }

    private static Row find(List<Row> rows, MethodPreset m) {
        return rows.stream().filter(r -> r.method() == m).findFirst().orElse(null);
    }

    private static Row measure(Backbone backbone, MethodPreset method, Batch batch, int warmup, int runs) {
        long t0 = System.nanoTime();
        VlModel model = VlAdapter.builder().backbone(backbone).method(method).tasks(Task.imageTasks())
                .featureDim(2048).build();
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        try (NDManager ignored = model.manager();
                AdamW adam = AdamW.builder().parameters(model.namedParameters()).build()) {
            String task = batch.task().key();
            ParameterSummary summary = model.parameterSummary();
            long used = 0;
            for (Map.Entry<String, Parameter> e : model.trainableParameters().entrySet()) {
                if (model.usesParameter(task, e.getKey())) {
                    used += e.getValue().getArray().size();
                }
            }
            double[] seconds = new double[runs];
            double[] activation = new double[runs];
            for (int i = 0; i < warmup + runs; i++) {
                long s = System.nanoTime();
                resetPeakRss();
                double before = BenchStats.rssMiB();
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray loss = model.loss(batch, ForwardContext.train(task));
                    gc.backward(loss);
                }
                double peak = BenchStats.peakRssMiB();
                adam.step(1e-4, n -> model.usesParameter(task, n));
                if (i >= warmup) {
                    seconds[i - warmup] = (System.nanoTime() - s) / 1e9;
                    activation[i - warmup] = peak - before;
                }
            }
            return new Row(method, summary.trainableParams(), summary.trainablePercent(),
                    summary.trainableParams() * 4.0 / (1 << 20), used * 4.0 / (1 << 20), adam.stateBytes() / (double) (1 << 20),
                    BenchStats.median(activation), BenchStats.median(seconds), buildSeconds);
        }
    }

    /** Resets the kernel's peak-RSS counter of this process (Linux); does nothing where unsupported. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // peak RSS then stays the process's lifetime peak; the activation column becomes an upper bound
        }
    }

    /** A VQA batch of random features and fixed-length token sequences. */
    static Batch vqaBatch(ModelConfig config, int batch, int textTokens, int visualTokens, int outputTokens) {
        return vqaBatch(config, batch, textTokens, visualTokens, outputTokens, 2048);
    }

    /** A VQA batch of random features of width {@code featureDim} and fixed-length token sequences. */
    static Batch vqaBatch(ModelConfig config, int batch, int textTokens, int visualTokens, int outputTokens, int featureDim) {
        Random random = new Random(1);
        float[][] grid = new float[49][featureDim];
        for (float[] row : grid) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        FeatureStore store = new FeatureStore() {
            @Override
            public float[][] features(String id) {
                return grid;
            }

            @Override
            public boolean contains(String id) {
                return true;
            }

            @Override
            public String describe() {
                return "random 7x7x" + featureDim + " grid";
            }
        };
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            examples.add(new Example(Task.VQA, "q" + i, words(textTokens - specials(config)),
                    words(outputTokens - specials(config)), 1f, List.of("img" + i), null));
        }
        try (BatchCollator collator = BatchCollator.builder().encoder(new CountingEncoder(config))
                .imageTokens(visualTokens).build()) {
            return collator.collate(examples, store);
        }
    }

    private static int specials(ModelConfig config) {
        return config.type() == ModelType.BART ? 2 : 1;
    }

    private static String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append("w").append(i);
        }
        return b.toString();
    }

    /** Whitespace tokens to ids 3..999 with the backbone's special ids (BART: bos + words + eos; T5: words + eos). */
    private static final class CountingEncoder implements TextEncoder {
        private final ModelConfig config;
        private final Map<String, Long> ids = new LinkedHashMap<>();

        CountingEncoder(ModelConfig config) {
            this.config = config;
        }

        @Override
        public synchronized long[] encode(String text, int maxLength) {
            String[] words = text.isBlank() ? new String[0] : text.trim().split("\\s+");
            boolean bart = config.type() == ModelType.BART;
            int keep = maxLength > 0 ? Math.min(words.length, maxLength - specials(config)) : words.length;
            long[] out = new long[keep + specials(config)];
            int k = 0;
            if (bart) {
                out[k++] = config.bosId();
            }
            for (int i = 0; i < keep; i++) {
                out[k++] = ids.computeIfAbsent(words[i], w -> 3L + ids.size() % 997);
            }
            out[k] = config.eosId();
            return out;
        }

        @Override
        public String decode(long[] tokenIds) {
            return tokenIds.length + " tokens";
        }

        @Override
        public long padId() {
            return config.padId();
        }

        @Override
        public long eosId() {
            return config.eosId();
        }

        @Override
        public int vocabSize() {
            return config.vocabSize();
        }
    }
}
