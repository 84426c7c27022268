package org.vladapter.reproduce;

import org.vladapter.train.PaperSeed;
import ai.djl.ndarray.NDManager;
import org.vladapter.model.VlAdapter;
import org.vladapter.model.VlModel;
import org.vladapter.recipe.VlTraining;
import org.vladapter.backbone.Backbone;
import org.vladapter.io.AtomicDirectories;
import org.vladapter.peft.MethodPreset;
import org.vladapter.recipe.Recipe;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.MultitaskLoader;
import org.vladapter.tasks.ReaderOptions;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.tokenize.VlTokenizer;
import org.vladapter.train.EpochRecord;
import org.vladapter.train.ProgressBar;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The main job: trains every method of a benchmark's paper table multi-task, scores each on the benchmark's
 * evaluation splits with the paper's metrics and decoding, and writes the results table and chart.
 *
 * <pre>{@code
 * ReproduceResults results = Reproduce.builder()
 *         .benchmark(Benchmark.SHAPES_IMAGE)
 *         .methods(MethodPreset.FULL_FINETUNING, MethodPreset.SINGLE_ADAPTER)
 *         .build()
 *         .run();
 * results.table();   // Tablesaw
 * results.image();   // the score-versus-parameters chart
 * }</pre>
 *
 * <p>The output folder (default {@code runs/reproduce-<benchmark>}) holds {@code reproduce.json} (the
 * settings), {@code results.csv}, {@code results.html}, {@code score_vs_params.png} and one run folder per
 * method (per method and seed with several seeds: {@code <method>/seed-<seed>}) with its run record,
 * predictions, adapter-only checkpoint and {@code row.json}. Each finished method's row is written atomically
 * as it completes and the results files are rewritten; a rerun with the same settings skips the finished runs
 * (an unfinished run's folder is discarded and the run starts again); a rerun with other settings into the
 * same folder is refused with the differing settings named, unless {@code overwrite(true)} starts afresh.
 */
public final class Reproduce {

    /** The first seed (the released scripts' 9595); seed {@code k} of {@code --seeds N} is 9595 + k. */
    public static final int FIRST_SEED = PaperSeed.VALUE;

    private final Builder b;

    private Reproduce(Builder b) {
        this.b = b;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** One training run to do: a method with a seed, and its folder. */
    private record Job(int index, MethodPreset method, int seed, Path dir) {}

    /**
     * Runs every method not yet finished in the output folder and returns the results of all of them.
     *
     * @return the results
     * @throws IllegalStateException when the folder holds a run with other settings (naming them) and
     *     overwrite is off
     */
    public ReproduceResults run() {
        Benchmark benchmark = b.benchmark;
        List<MethodPreset> methods = b.methods != null ? b.methods : benchmark.methods();
        Path data = BenchmarkAssets.dataRoot(benchmark, b.data);
        String backboneName = b.backbone != null ? b.backbone : benchmark.defaultBackbone();
        Path backboneDir = BenchmarkAssets.backbone(backboneName);
        BenchmarkRecipe recipe = b.recipe != null ? b.recipe
                : b.quick ? BenchmarkRecipe.quick(benchmark) : BenchmarkRecipe.standard(benchmark);
        if (b.epochs != null) {
            recipe = recipe.withEpochs(b.epochs);
        }
        Path out = b.out != null ? b.out : benchmark.defaultOutput();
        Backbone backbone = Backbone.fromFolder(backboneDir);
        List<Task> tasks = benchmark.tasks();
        List<Integer> seeds = java.util.stream.IntStream.range(0, b.seeds).map(k -> FIRST_SEED + k).boxed().toList();
        ReproduceSettings settings = settings(benchmark, methods, backbone, data, recipe, seeds);
        prepareOutput(out, settings);

        List<Job> jobs = new ArrayList<>();
        for (MethodPreset m : methods) {
            for (int seed : seeds) {
                Path dir = seeds.size() == 1 ? out.resolve(m.cliName()) : out.resolve(m.cliName()).resolve("seed-" + seed);
                jobs.add(new Job(jobs.size(), m, seed, dir));
            }
        }
        List<MethodRun> finished = new ArrayList<>();
        List<Job> todo = new ArrayList<>();
        for (Job j : jobs) {
            var done = MethodRun.load(j.dir());
            if (done.isPresent()) {
                finished.add(done.get());
            } else {
                todo.add(j);
            }
        }
        PrintStream log = b.progressOut;
        if (!finished.isEmpty() && b.progress != ProgressBar.Style.QUIET) {
            log.println("resuming in " + out + ": " + finished.size() + " of " + jobs.size() + " runs already finished");
        }
        VlTokenizer tokenizer = loadTokenizer(backboneDir, backbone);
        try (DatasetLayout withPrompts = layout(data, true);
                DatasetLayout withoutPrompts = layout(data, false);
                BatchCollator collator = BatchCollator.builder().encoder(tokenizer).build()) {
            Map<Task, Integer> batchSizes = recipe.recipe(methods.get(0), backbone.config().type(), tasks, FIRST_SEED,
                    b.featureType).batchSizes();
            long stepsPerRun = stepsPerEpoch(withPrompts, benchmark, batchSizes, recipe, collator) * (long) recipe.epochs();
            ReproduceProgress progress = new ReproduceProgress(log, b.progress, b.progressLineSeconds, stepsPerRun * todo.size());
            int featureDim = featureDim(withPrompts, tasks.get(0), benchmark);
            for (Job job : todo) {
                String label = String.format(Locale.ROOT, "method %d/%d %s%s", methods.indexOf(job.method()) + 1,
                        methods.size(), job.method().cliName(), seeds.size() > 1 ? " (seed " + job.seed() + ")" : "");
                progress.startRun(label);
                boolean prompts = job.method().usesTaskPrompts(benchmark.isVideo() ? Task.Modality.VIDEO : Task.Modality.IMAGE);
                MethodRun run = train(job, benchmark, backbone, tokenizer, prompts ? withPrompts : withoutPrompts, collator,
                        recipe, featureDim, data, progress);
                finished.add(run);
                finished.sort(java.util.Comparator.comparingInt(r -> order(jobs, r)));
                ReproduceResults partial = results(benchmark, backbone, finished, tasks);
                partial.save(out, settings.values());
                progress.message(String.format(Locale.ROOT, "%s: average %.1f (%s) in %s", label, run.average(),
                        scoreLine(run.scores()), ReproduceProgress.clock(run.seconds())));
                if (!run.shuffledScores().isEmpty()) {
                    progress.message(String.format(Locale.ROOT, "%s: with shuffled images %s", label,
                            scoreLine(run.shuffledScores())));
                }
            }
        }
        ReproduceResults results = results(benchmark, backbone, finished, tasks);
        results.save(out, settings.values());
        return results;
    }

    /** @return "vqa 45.1, gqa 28.0, ..." for a progress line */
    private static String scoreLine(Map<String, Double> scores) {
        return scores.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static int order(List<Job> jobs, MethodRun r) {
        for (Job j : jobs) {
            if (j.method().cliName().equals(r.method()) && j.seed() == r.seed()) {
                return j.index();
            }
        }
        return Integer.MAX_VALUE;
    }

    private ReproduceResults results(Benchmark benchmark, Backbone backbone, List<MethodRun> runs, List<Task> tasks) {
        List<String> keys = tasks.stream().map(Task::key).toList();
        Map<String, List<MethodRun>> byMethod = new LinkedHashMap<>();
        runs.forEach(r -> byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r));
        List<MethodSummary> rows = new ArrayList<>();
        byMethod.forEach((m, rs) -> rows.add(MethodSummary.of(rs, keys,
                PaperPercent.of(MethodPreset.fromCliName(m), backbone.config().type(), tasks))));
        String title = benchmark.cliName() + " - " + (b.backbone != null ? b.backbone : benchmark.defaultBackbone());
        return new ReproduceResults(benchmark, title, rows, runs);
    }

    private MethodRun train(Job job, Benchmark benchmark, Backbone backbone, VlTokenizer tokenizer, DatasetLayout layout,
            BatchCollator collator, BenchmarkRecipe plan, int featureDim, Path data,
            ReproduceProgress progress) {
        if (Files.exists(job.dir())) {
            AtomicDirectories.deleteTree(job.dir()); // an unfinished run (no row.json): start it again
        }
        List<Task> tasks = benchmark.tasks();
        long t0 = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            VlModel model = VlAdapter.builder().backbone(backbone).method(job.method()).tasks(tasks)
                    .tokenizer(tokenizer).featureDim(featureDim).seed(job.seed()).manager(manager).build();
            Recipe recipe = plan.recipe(job.method(), backbone.config().type(), tasks, job.seed(), b.featureType);
            MultitaskLoader.Builder train = MultitaskLoader.builder().collator(collator).seed(job.seed()).prefetch(2);
            VlTraining.Builder run = VlTraining.builder().model(model).recipe(recipe).collator(collator)
                    .runDir(job.dir())
                    .progress(ProgressBar.Style.QUIET)
                    .stepListener(progress);
            for (Task t : tasks) {
                train.addTask(layout.open(t, benchmark.trainSplit(t)).firstItems(plan.trainItems()), recipe.batchSizes().get(t));
                run.test(t, layout.open(t, benchmark.evaluationSplit(t)).firstItems(plan.evalItems()));
            }
            List<Path> vqa = vqaAnnotations(data, tasks);
            if (!vqa.isEmpty()) {
                run.vqaAnnotations(vqa);
            }
            VlTraining.Result result = run.trainData(train.build()).build().fit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<EpochRecord> epochs = result.training().history().epochs();
            long steps = epochs.stream().mapToLong(EpochRecord::steps).sum();
            double trainSeconds = epochs.stream().mapToDouble(EpochRecord::trainSeconds).sum();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Task t : tasks) {
                Double s = result.training().test().get(t.key());
                if (s == null) {
                    throw new IllegalStateException(job.method().cliName() + ": no " + t.key() + " score on "
                            + benchmark.evaluationSplit(t));
                }
                scores.put(t.key(), s);
            }
            Map<String, Double> shuffled = new LinkedHashMap<>();
            if (b.imageControl) {
                var annotations = org.vladapter.metrics.EvaluationFiles.readVqaAnnotations(vqa);
                for (Task t : tasks) {
                    TaskDataset test = layout.open(t, benchmark.evaluationSplit(t)).firstItems(plan.evalItems());
                    TaskDataset other;
                    try {
                        other = test.withShuffledImages(job.seed());
                    } catch (IllegalArgumentException oneImage) { // nothing to swap with: the control is not defined
                        progress.message(job.method().cliName() + ": no image control for " + t.key() + " ("
                                + oneImage.getMessage() + ")");
                        shuffled.put(t.key(), Double.NaN);
                        continue;
                    }
                    shuffled.put(t.key(), org.vladapter.eval.TaskEvaluation.evaluate(model, other, collator,
                            plan.evalBatchSize(), null, annotations).score());
                }
                seconds = (System.nanoTime() - t0) / 1e9;
            }
            MethodRun row = new MethodRun(job.method().cliName(), job.seed(), model.parameterSummary().trainablePercent(),
                    scores, seconds, steps > 0 ? trainSeconds / steps : 0.0, steps, shuffled);
            row.save(job.dir());
            return row;
        }
    }

    /** The official VQA annotation files, when the release has them (VQA is then scored with the official accuracy). */
    private static List<Path> vqaAnnotations(Path data, List<Task> tasks) {
        return tasks.contains(Task.VQA) ? DatasetLayout.officialVqaAnnotations(data) : List.of();
    }

    private DatasetLayout layout(Path data, boolean prompts) {
        DatasetLayout.Builder layout = DatasetLayout.builder().root(data).featureType(b.featureType)
                .readerOptions(ReaderOptions.builder().taskPrompts(prompts).build());
        int dims = BenchmarkAssets.featureDims(b.featureType);
        if (dims > 0) {
            layout.featureDims(dims, dims);
        }
        return layout.build();
    }

    private static long stepsPerEpoch(DatasetLayout layout, Benchmark benchmark, Map<Task, Integer> batchSizes,
            BenchmarkRecipe recipe, BatchCollator collator) {
        MultitaskLoader.Builder loader = MultitaskLoader.builder().collator(collator);
        for (Task t : benchmark.tasks()) {
            loader.addTask(layout.open(t, benchmark.trainSplit(t)).firstItems(recipe.trainItems()), batchSizes.get(t));
        }
        return loader.build().numBatches();
    }

    /** The width of the benchmark's visual features, read from the first training item's feature file. */
    private static int featureDim(DatasetLayout layout, Task task, Benchmark benchmark) {
        TaskDataset d = layout.open(task, DatasetLayout.trainSplit(task));
        Example e = d.example(0, new Random(0));
        float[][] f = d.featureStore().features(e.featureIds().get(0));
        if (f.length == 0) {
            throw new IllegalStateException(benchmark.cliName() + ": feature file of '" + e.featureIds().get(0) + "' is empty");
        }
        return f[0].length;
    }

    private static VlTokenizer loadTokenizer(Path folder, Backbone backbone) {
        try {
            return VlTokenizer.load(folder, backbone.config().type().name().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the tokenizer of " + folder + ": " + e.getMessage(), e);
        }
    }

    private ReproduceSettings settings(Benchmark benchmark, List<MethodPreset> methods, Backbone backbone, Path data,
            BenchmarkRecipe recipe, List<Integer> seeds) {
        Map<String, String> s = new LinkedHashMap<>();
        List<Task> tasks = benchmark.tasks();
        s.put("benchmark", benchmark.cliName());
        s.put("methods", methods.stream().map(MethodPreset::cliName).collect(Collectors.joining(",")));
        s.put("backbone", b.backbone != null ? b.backbone : benchmark.defaultBackbone());
        s.put("backbone_fingerprint", backbone.fingerprint());
        s.put("data", data.toAbsolutePath().normalize().toString());
        s.put("data_stamp", dataStamp(data));
        s.put("feature_type", b.featureType);
        s.put("quick", Boolean.toString(b.quick));
        s.put("epochs", Integer.toString(recipe.epochs()));
        org.vladapter.backbone.ModelType family = backbone.config().type();
        s.put("batch_sizes", recipe.recipe(methods.get(0), family, tasks, FIRST_SEED, b.featureType).batchSizes().entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        s.put("eval_batch_size", Integer.toString(recipe.evalBatchSize()));
        s.put("learning_rates", methods.stream().map(m -> m.cliName() + "=" + recipe.recipe(m, family, tasks, FIRST_SEED, b.featureType).learningRate())
                .collect(Collectors.joining(",")));
        s.put("learning_rate_scale", Double.toString(recipe.learningRateScale()));
        s.put("warmup_ratio", Double.toString(recipe.warmupRatio()));
        s.put("clip_norm", Double.toString(recipe.clipNorm()));
        s.put("task_sampling", "round-robin (every batch of every task once per epoch, shuffled per epoch)");
        s.put("train_items_per_task", recipe.trainItems() == 0 ? "all" : Integer.toString(recipe.trainItems()));
        s.put("eval_items_per_task", recipe.evalItems() == 0 ? "all" : Integer.toString(recipe.evalItems()));
        s.put("evaluation_splits", tasks.stream().map(t -> t.key() + "=" + benchmark.evaluationSplit(t))
                .collect(Collectors.joining(",")));
        s.put("image_control", b.imageControl ? "shuffled images, cycle seed = run seed" : "off");
        s.put("seeds", seeds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        s.put("library_version", org.vladapter.io.LibraryVersion.get());
        return new ReproduceSettings(s);
    }

    /**
     * What the data folder is, beyond its path: a regenerated ShapesWorld (another generator version or mini-CLIP)
     * in the same folder must not resume a run made on the old one.
     *
     * @param data the release folder
     * @return its ShapesWorld stamp (generator version, seed, scale, feature type, mini-CLIP hash) as one line of
     *     JSON, or {@code "none (not ShapesWorld)"} for other data
     */
    static String dataStamp(Path data) {
        Path stamp = data.resolve(org.vladapter.shapes.ShapesWorld.STAMP);
        if (!Files.isRegularFile(stamp)) {
            return "none (not ShapesWorld)";
        }
        try {
            return com.google.gson.JsonParser.parseString(Files.readString(stamp)).getAsJsonObject().toString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the ShapesWorld stamp " + stamp + ": " + e.getMessage(), e);
        }
    }

    private void prepareOutput(Path out, ReproduceSettings settings) {
        try {
            if (Files.isDirectory(out)) {
                var found = ReproduceSettings.load(out);
                boolean empty;
                try (Stream<Path> entries = Files.list(out)) {
                    empty = entries.findAny().isEmpty();
                }
                if (b.overwrite) {
                    AtomicDirectories.deleteTree(out);
                } else if (found.isPresent()) {
                    List<String> diff = settings.differences(found.get());
                    if (!diff.isEmpty()) {
                        throw new IllegalStateException(out + " holds a reproduce run with other settings ("
                                + String.join("; ", diff) + "); use --overwrite to start afresh, or another --out");
                    }
                } else if (!empty) {
                    throw new IllegalStateException(out + " is not empty and is not a reproduce folder (no "
                            + ReproduceSettings.FILE + "); use --overwrite to replace it, or another --out");
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output folder " + out, e);
        }
        settings.save(out);
    }

    /** Builder of {@link Reproduce}: every value has a default (the image benchmark with all its methods). */
    public static final class Builder {
        private Benchmark benchmark = Benchmark.SHAPES_IMAGE;
        private List<MethodPreset> methods;
        private String backbone;
        private Path data;
        private String featureType = org.vladapter.shapes.ShapesWorld.FEATURE_TYPE;
        private Integer epochs;
        private int seeds = 1;
        private Path out;
        private boolean quick;
        private boolean overwrite;
        private boolean imageControl;
        private BenchmarkRecipe recipe;
        private ProgressBar.Style progress = ProgressBar.Style.AUTO;
        private PrintStream progressOut = System.err;
        private double progressLineSeconds = 10;

        private Builder() {}

        /**
         * @param benchmark the benchmark (default {@link Benchmark#SHAPES_IMAGE})
         * @return this
         */
        public Builder benchmark(Benchmark benchmark) {
            this.benchmark = java.util.Objects.requireNonNull(benchmark, "benchmark");
            return this;
        }

        /**
         * @param name {@code shapes-image} or {@code shapes-video}
         * @return this
         */
        public Builder benchmark(String name) {
            return benchmark(Benchmark.fromCliName(name));
        }

        /**
         * @param methods the methods to run, in order (default: the benchmark's paper table)
         * @return this
         */
        public Builder methods(List<MethodPreset> methods) {
            this.methods = methods == null ? null : List.copyOf(methods);
            this.methodNames = null;
            return this;
        }

        /**
         * @param methods the methods to run, in order
         * @return this
         */
        public Builder methods(MethodPreset... methods) {
            return methods(Arrays.asList(methods));
        }

        /**
         * @param names comma-separated command-line names, e.g. {@code full-finetuning,single-adapter}
         * @return this
         */
        public Builder methods(String names) {
            this.methodNames = names;
            return this;
        }

        private String methodNames;

        /**
         * @param backbone {@code shapes-bart} (default for images), {@code shapes-t5} (default for video) or an HF checkpoint folder with
         *     {@code tokenizer.json}
         * @return this
         */
        public Builder backbone(String backbone) {
            this.backbone = java.util.Objects.requireNonNull(backbone, "backbone");
            return this;
        }

        /**
         * @param data the release folder (default: the benchmark's own)
         * @return this
         */
        public Builder data(Path data) {
            this.data = data;
            return this;
        }

        /**
         * @param type the CLIP feature folder suffix ({@code data_clip_<type>_att}; default ShapesWorld's
         *     {@code ShapesCLIP}; {@code RN101} for the VL-Adapter release)
         * @return this
         */
        public Builder featureType(String type) {
            this.featureType = java.util.Objects.requireNonNull(type, "featureType");
            return this;
        }

        /**
         * @param epochs epochs per method (default: the benchmark recipe's)
         * @return this
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param seeds runs per method with seeds 9595, 9596, ... (default 1); cells are then mean ± std
         * @return this
         */
        public Builder seeds(int seeds) {
            this.seeds = seeds;
            return this;
        }

        /**
         * @param out the output folder (default {@code runs/reproduce-<benchmark>})
         * @return this
         */
        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        /**
         * @param recipe the budget of every method's run (epochs, batch sizes, items per task, learning-rate
         *     scale) instead of {@link BenchmarkRecipe#standard} / {@link BenchmarkRecipe#quick}
         * @return this
         */
        public Builder recipe(BenchmarkRecipe recipe) {
            this.recipe = java.util.Objects.requireNonNull(recipe, "recipe");
            return this;
        }

        /**
         * @param quick a much smaller run (see {@link BenchmarkRecipe#quick}); ignored when a recipe is given
         * @return this builder
         */
        public Builder quick(boolean quick) {
            this.quick = quick;
            return this;
        }

        /**
         * @param imageControl also score every method on its test items with the images shuffled across each
         *     split ({@link org.vladapter.tasks.TaskDataset#withShuffledImages}): the difference to the real
         *     score is how much the method reads the image ({@link ReproduceResults#imageControl},
         *     {@code image_control.csv}). One more evaluation per method; off by default.
         * @return this
         */
        public Builder imageControl(boolean imageControl) {
            this.imageControl = imageControl;
            return this;
        }

        /**
         * @param overwrite start afresh when the output folder holds another run
         * @return this
         */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * @param style progress display (default AUTO; QUIET for tests)
         * @return this
         */
        public Builder progress(ProgressBar.Style style) {
            this.progress = java.util.Objects.requireNonNull(style, "progress");
            return this;
        }

        /**
         * @param out where progress goes (default standard error)
         * @param lineSeconds seconds between plain progress lines when not on a terminal (default 10)
         * @return this
         */
        public Builder progressOutput(PrintStream out, double lineSeconds) {
            this.progressOut = java.util.Objects.requireNonNull(out, "progress output");
            this.progressLineSeconds = lineSeconds;
            return this;
        }

        /**
         * @return the job
         * @throws IllegalArgumentException naming a bad value
         */
        public Reproduce build() {
            if (seeds < 1) {
                throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
            }
            if (epochs != null && epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (methodNames != null) {
                methods = benchmark.parseMethods(methodNames);
                methodNames = null;
            }
            return new Reproduce(this);
        }
    }
}
