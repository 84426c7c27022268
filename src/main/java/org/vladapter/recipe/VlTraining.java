package org.vladapter.recipe;

import org.vladapter.model.VlModel;
import org.vladapter.model.AdapterCheckpoint;
import org.vladapter.eval.TaskEvaluation;
import org.vladapter.eval.PredictionFiles;
import org.vladapter.metrics.EvaluationFiles;
import org.vladapter.metrics.VqaAnnotation;
import org.vladapter.peft.MethodPreset;
import org.vladapter.recipe.Recipe;
import org.vladapter.report.Charts;
import org.vladapter.report.MethodResult;
import org.vladapter.report.ResultsTable;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.FeatureCheck;
import org.vladapter.tasks.MultitaskLoader;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.train.EvaluationFailedException;
import org.vladapter.train.Evaluator;
import org.vladapter.train.ProgressBar;
import org.vladapter.train.Trainer;
import org.vladapter.train.TrainingResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Multi-task training of a {@link VlModel} the paper's way, with everything a run leaves behind in its
 * run folder: checkpoints ({@code checkpoints/last}, {@code checkpoints/best}), the run record
 * ({@code run.json}), the adapter-only checkpoint of the final model ({@code adapter/}, see
 * {@link AdapterCheckpoint}), per-epoch validation, the final test with prediction files, the results table
 * ({@code results.csv}, {@code results.html}) and charts ({@code loss.png}, {@code validation.png},
 * {@code score_vs_params.png}).
 *
 * <pre>{@code
 * VlTraining.Result r = VlTraining.builder().model(model).data(Path.of("datasets")).build().fit();
 * System.out.println(r.table().toText());
 * }</pre>
 *
 * <p>The {@link Recipe} (default {@link Recipe#paper(VlModel)}) gives epochs, learning rate, batch sizes,
 * task prompts and splits; epochs and learning rate can be overridden here ({@link Builder#epochs},
 * {@link Builder#learningRate}), every value on the recipe ({@link Recipe#toBuilder()}). With {@link Builder#data(Path)} the splits are opened from the release layout; alternatively
 * give {@link Builder#trainData}, {@link Builder#collator} and the evaluation splits yourself.
 *
 * <p>Re-runs: without {@link Builder#runDir} every run gets a new timestamped folder under {@code runs/}.
 * A folder that already holds a run is refused unless {@link Builder#resume} (continue it; the recorded
 * configuration must match) or {@link Builder#overwrite} (train it again) is set.
 */
public final class VlTraining {

    /**
     * What a run produced.
     *
     * @param training the trainer's result (history, test scores, run record)
     * @param table the results table (one row: this method)
     * @param runDir the run folder
     */
    public record Result(TrainingResult training, ResultsTable table, Path runDir) {}

    private final Builder b;
    private final Recipe recipe;
    private final Path runDir;

    private VlTraining(Builder b, Recipe recipe, Path runDir) {
        this.b = b;
        this.recipe = recipe;
        this.runDir = runDir;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the recipe this run follows (the paper's with the builder's overrides) */
    public Recipe recipe() {
        return recipe;
    }

    /** @return the run folder */
    public Path runDir() {
        return runDir;
    }

    /**
     * Trains, validates every epoch, tests once at the end and writes the reports.
     *
     * @return the result
     */
    /**
     * The layout of {@link Builder#data(Path)} for the recipe's feature type; a type outside the release's
     * (ShapesWorld's {@code ShapesCLIP}) takes its feature size from the model's visual embedding.
     */
    private DatasetLayout.Builder layoutBuilder() {
        DatasetLayout.Builder layout = DatasetLayout.builder().root(b.dataRoot).featureType(recipe.featureType());
        if (!DatasetLayout.isReleaseFeatureType(recipe.featureType())) {
            int dim = b.model.visualEmbedding().featureDim();
            layout.featureDims(dim, dim);
        }
        return layout;
    }

    public Result fit() {
        checkPositions(b.model);
        if (b.dataRoot == null) {
            return fit(b.train, b.collator, b.validation, b.test, b.vqaAnnotations);
        }
        try (DatasetLayout layout = layoutBuilder().readerOptions(recipe.readerOptions()).build();
                BatchCollator collator = BatchCollator.builder().encoder(tokenizer()).build()) {
            Map<Task, Integer> sizes = recipe.batchSizes();
            MultitaskLoader.Builder train = MultitaskLoader.builder().collator(collator).seed(recipe.seed()).prefetch(2);
            Map<Task, TaskDataset> validation = new LinkedHashMap<>();
            Map<Task, TaskDataset> test = new LinkedHashMap<>();
            List<TaskDataset> trainSplits = new ArrayList<>();
            for (Task t : b.model.tasks()) {
                TaskDataset trainSplit = layout.open(t, recipe.trainSplit(t)).firstItems(b.trainItems);
                trainSplits.add(trainSplit);
                train.addTask(trainSplit, sizes.get(t));
                validation.put(t, layout.open(t, recipe.validationSplit(t)).firstItems(b.evalItems));
                if (recipe.test()) {
                    // tasks without a labelled test (video) are reported, with their predictions, on validation
                    String split = recipe.reportedSplit(t);
                    test.put(t, split.equals(recipe.validationSplit(t)) ? validation.get(t) : layout.open(t, split).firstItems(b.evalItems));
                }
            }
            List<TaskDataset> all = new ArrayList<>(trainSplits);
            all.addAll(validation.values());
            test.values().stream().filter(d -> !all.contains(d)).forEach(all::add);
            FeatureCheck.requireAll(all);
            Map<String, VqaAnnotation> vqa = b.vqaAnnotations.isEmpty() ? discoverVqaAnnotations() : b.vqaAnnotations;
            return fit(train.build(), collator, validation, test, vqa);
        }
    }

    /**
     * BART's learned position table must cover the longest text input a task keeps (T5's relative positions
     * have no limit); otherwise the embedding lookup would fail mid-training.
     */
    static void checkPositions(VlModel model) {
        if (model.config().type() != org.vladapter.backbone.ModelType.BART) {
            return;
        }
        int limit = model.config().maxPositions();
        for (Task t : model.tasks()) {
            if (t.maxInputLength() > limit) {
                throw new IllegalArgumentException("task " + t.key() + " keeps text inputs of up to " + t.maxInputLength()
                        + " tokens but the backbone " + model.backbone().id() + " has " + limit
                        + " positions (max_position_embeddings); use a backbone with at least " + t.maxInputLength());
            }
        }
    }

    private org.vladapter.tokenize.TextEncoder tokenizer() {
        if (b.model.tokenizer() == null) {
            throw new IllegalArgumentException("data(...) needs a model with a tokenizer: give one to"
                    + " VlAdapter.builder().tokenizer(...)");
        }
        return b.model.tokenizer();
    }

    /** The official VQA annotations ({@code vqa/v2_mscoco_{train,val}2014_annotations.json}) when present. */
    private Map<String, VqaAnnotation> discoverVqaAnnotations() {
        if (!b.model.tasks().contains(Task.VQA)) {
            return Map.of();
        }
        List<Path> files = DatasetLayout.officialVqaAnnotations(b.dataRoot);
        if (files.isEmpty()) {
            Path annotations = DatasetLayout.isHubRelease(b.dataRoot) ? b.dataRoot.resolve("annotations") : b.dataRoot;
            System.err.println("vladapter: no official VQA annotations under " + annotations.resolve("vqa")
                    + ": VQA is scored with the soft-label VQA score, not the official accuracy");
            return Map.of();
        }
        return EvaluationFiles.readVqaAnnotations(files);
    }

    private Result fit(MultitaskLoader train, BatchCollator collator, Map<Task, TaskDataset> validationSplits,
            Map<Task, TaskDataset> testSplits, Map<String, VqaAnnotation> vqa) {
        VlModel model = b.model;
        Evaluator validation = validationSplits.isEmpty() ? null
                : epoch -> evaluate(validationSplits, collator, vqa, null, new LinkedHashMap<>());
        Path predictions = runDir.resolve("predictions");
        Map<String, Double> testSoFar = new LinkedHashMap<>(); // the tasks whose test finished, if a later one fails
        Evaluator test = testSplits.isEmpty() ? null : epoch -> evaluate(testSplits, collator, vqa, predictions, testSoFar);
        Trainer.Builder<Batch> tb = Trainer.<Batch>builder()
                .model(model)
                .data(new MultitaskPlan(train))
                .epochs(recipe.epochs())
                .learningRate(recipe.learningRate())
                .warmupRatio(recipe.warmupRatio())
                .clipNorm(recipe.clipNorm())
                .seed(recipe.seed())
                .checkpointDir(runDir.resolve("checkpoints"))
                .runRecordFile(runDir.resolve("run.json"))
                .resume(b.resume)
                .overwrite(b.overwrite)
                .progress(b.progress)
                .stepListener(b.stepListener)
                .gradientAccumulation(b.gradientAccumulation)
                .replicas(b.replicas);
        model.provenance().forEach(tb::configuration);
        tb.configuration("trainable_parameters", model.parameterSummary().line());
        tb.configuration("recipe", recipe.asMap());
        if (validation != null) {
            tb.validation(validation);
        }
        if (test != null) {
            tb.test(test);
        }
        TrainingResult result;
        EvaluationFailedException failure = null;
        try {
            result = tb.build().fit();
        } catch (EvaluationFailedException e) {
            // training finished and run.json says failed (with the error): keep the weights and the results so far
            failure = e;
            result = e.partial();
            result.record().putMetric("test_so_far", new LinkedHashMap<>(testSoFar));
            result.record().writeTo(runDir.resolve("run.json"));
        }
        AdapterCheckpoint.save(model, runDir.resolve("adapter"));
        Map<String, Double> testScores = failure == null ? result.test() : testSoFar;

        Map<String, Double> last = lastValidation(result);
        Map<String, Double> scores = new LinkedHashMap<>();
        List<String> taskKeys = model.tasks().stream().map(Task::key).collect(Collectors.toList());
        for (String k : taskKeys) {
            Double s = testScores.containsKey(k) ? testScores.get(k) : last.get(k);
            if (s != null) {
                scores.put(k, s);
            }
        }
        String name = methodName(model);
        ResultsTable table = ResultsTable.of(model.backbone().id() + " - " + name, taskKeys,
                List.of(new MethodResult(name, scores, model.parameterSummary().trainablePercent())));
        table.saveCsv(runDir.resolve("results.csv"));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("backbone", model.backbone().id());
        shown.put("trainable parameters", model.parameterSummary().line());
        shown.put("reported splits", taskKeys.stream().map(k -> k + ": " + (testScores.containsKey(k)
                ? recipe.reportedSplit(Task.of(k)) : recipe.validationSplit(Task.of(k)) + " (last epoch)"))
                .collect(Collectors.joining(", ")));
        shown.putAll(recipe.asMap());
        shown.put("status", result.record().status());
        if (result.record().error() != null) {
            shown.put("error", result.record().failedDuring() + ": " + result.record().error());
        }
        table.saveHtml(runDir.resolve("results.html"), shown);
        Charts.savePng(Charts.lossPerTask(result.history(), 900, 500, 20), runDir.resolve("loss.png"));
        if (!result.history().epochs().isEmpty() && validation != null) {
            Charts.savePng(Charts.validationPerEpoch(result.history(), 900, 500), runDir.resolve("validation.png"));
        }
        Charts.savePng(Charts.scoreVersusTrainedParameters(table, ResultsTable.AVERAGE, 700, 500),
                runDir.resolve("score_vs_params.png"));
        if (failure != null) {
            throw failure;
        }
        return new Result(result, table, runDir);
    }

    /**
     * @param model a model
     * @return its method's command-line name ({@code single-adapter}), the one name used in every output
     */
    static String methodName(VlModel model) {
        return MethodPreset.nameOf(model.method());
    }

    private static Map<String, Double> lastValidation(TrainingResult result) {
        var epochs = result.history().epochs();
        return epochs.isEmpty() ? Map.of() : epochs.get(epochs.size() - 1).validation();
    }

    /** Evaluates every split, adding each task's score to {@code scores} as soon as it is known. */
    private Map<String, Double> evaluate(Map<Task, TaskDataset> splits, BatchCollator collator,
            Map<String, VqaAnnotation> vqa, Path predictionDir, Map<String, Double> scores) {
        for (Map.Entry<Task, TaskDataset> e : splits.entrySet()) {
            ProgressBar bar = new ProgressBar("eval " + e.getKey().key(), e.getValue().size(), ProgressBar.Unit.EXAMPLES,
                    b.progress, System.err, 10);
            TaskEvaluation.Result r = TaskEvaluation.evaluate(b.model, e.getValue(), collator, recipe.evalBatchSize(), bar, vqa);
            bar.finish();
            scores.put(e.getKey().key(), r.score());
            if (predictionDir != null) {
                PredictionFiles.write(predictionDir, r, captionReferences(e.getValue()));
            }
        }
        return scores;
    }

    /** Reference captions by example id of a caption split (empty for other tasks). */
    private static Map<String, List<String>> captionReferences(TaskDataset split) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        java.util.Random unused = new java.util.Random(0);
        for (int i = 0; i < split.size(); i++) {
            org.vladapter.tasks.Example ex = split.example(i, unused);
            if (!(ex.reference() instanceof org.vladapter.tasks.Reference.Captions c)) {
                return Map.of();
            }
            refs.put(ex.id(), c.references());
        }
        return refs;
    }

    /**
     * Builder of {@link VlTraining}: {@code model} is required, and either {@code data(Path)} or
     * {@code trainData} with {@code collator}. Everything else follows the {@link Recipe}.
     */
    public static final class Builder {
        private VlModel model;
        private Path dataRoot;
        private MultitaskLoader train;
        private BatchCollator collator;
        private final Map<Task, TaskDataset> validation = new LinkedHashMap<>();
        private final Map<Task, TaskDataset> test = new LinkedHashMap<>();
        private Recipe recipe;
        private Integer epochs;
        private Double learningRate;
        private Path runDir;
        private boolean resume;
        private boolean overwrite;
        private ProgressBar.Style progress = ProgressBar.Style.AUTO;
        private int gradientAccumulation = 1;
        private List<VlModel> replicas = List.of();
        private Map<String, VqaAnnotation> vqaAnnotations = Map.of();
        private org.vladapter.train.StepListener stepListener;
        private int trainItems;
        private int evalItems;

        private Builder() {}

        /**
         * A short run: with {@link #data(Path)}, only the first {@code n} items of each training split are used
         * ({@link TaskDataset#firstItems}); with {@link #trainData}, cap the splits given to the loader instead.
         *
         * @param n items per training split (default 0: all)
         * @return this
         */
        public Builder trainItems(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("trainItems must be >= 0 (0: all), got " + n);
            }
            this.trainItems = n;
            return this;
        }

        /**
         * @param n with {@link #data(Path)}, items used of each validation and test split (default 0: all)
         * @return this
         */
        public Builder evalItems(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("evalItems must be >= 0 (0: all), got " + n);
            }
            this.evalItems = n;
            return this;
        }

        /**
         * @param model the model to train
         * @return this
         */
        public Builder model(VlModel model) {
            this.model = model;
            return this;
        }

        /**
         * @param recipe the recipe (default: {@link Recipe#paper(VlModel)})
         * @return this
         */
        public Builder recipe(Recipe recipe) {
            this.recipe = recipe;
            return this;
        }

        /**
         * Trains on the VL-Adapter data release: the recipe's training, validation and test splits of the
         * model's tasks, the paper's per-task batch sizes, the model's tokenizer, and the official VQA
         * annotations when {@code vqa/v2_mscoco_*_annotations.json} are there.
         *
         * @param datasetsRoot the release's {@code datasets/} folder (layout: {@code datasets/README.md})
         * @return this
         */
        public Builder data(Path datasetsRoot) {
            this.dataRoot = datasetsRoot;
            return this;
        }

        /**
         * @param train the multi-task training loader (instead of {@link #data(Path)})
         * @return this
         */
        public Builder trainData(MultitaskLoader train) {
            this.train = train;
            return this;
        }

        /**
         * @param collator the collator used for evaluation batches (with {@link #trainData})
         * @return this
         */
        public Builder collator(BatchCollator collator) {
            this.collator = collator;
            return this;
        }

        /**
         * @param task a task
         * @param split its validation split (evaluated after every epoch; with {@link #trainData})
         * @return this
         */
        public Builder validation(Task task, TaskDataset split) {
            validation.put(task, split);
            return this;
        }

        /**
         * @param task a task
         * @param split its test split (evaluated once with the last-epoch model; predictions written)
         * @return this
         */
        public Builder test(Task task, TaskDataset split) {
            test.put(task, split);
            return this;
        }

        /**
         * @param epochs epochs (recipe: 20 image, 7 video)
         * @return this
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param lr peak learning rate (recipe: per method, e.g. 1e-3 for most PEFT methods, 1e-4 full fine-tuning)
         * @return this
         */
        public Builder learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /**
         * @param dir the run folder (default: a new {@code runs/<method>-<yyyyMMdd-HHmmss>} per run)
         * @return this
         */
        public Builder runDir(Path dir) {
            this.runDir = dir;
            return this;
        }

        /**
         * @param microBatches micro-batches per step, gradients accumulated (default 1); see
         *     {@link Trainer.Builder#gradientAccumulation}
         * @return this
         */
        public Builder gradientAccumulation(int microBatches) {
            this.gradientAccumulation = microBatches;
            return this;
        }

        /**
         * @param models data-parallel replicas of the model, built the same way on other devices (one per GPU:
         *     {@code VlAdapter.builder()...manager(NDManager.newBaseManager(Device.gpu(1))).build()}); see
         *     {@link Trainer.Builder#replicas} (default none)
         * @return this
         */
        public Builder replicas(List<VlModel> models) {
            this.replicas = List.copyOf(models);
            return this;
        }

        /**
         * @param resume continue the run already in the run folder (its recorded configuration must match)
         * @return this
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * @param overwrite train again in a run folder that already holds a run, replacing it
         * @return this
         */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * @param style progress output style
         * @return this
         */
        public Builder progress(ProgressBar.Style style) {
            this.progress = style;
            return this;
        }

        /**
         * @param listener told about every finished training step (e.g. a display spanning several runs)
         * @return this
         */
        public Builder stepListener(org.vladapter.train.StepListener listener) {
            this.stepListener = listener;
            return this;
        }

        /**
         * @param files official VQA annotation files (10 answers per question); VQA is then scored with the
         *     official-style accuracy, as the paper reports it
         * @return this
         */
        public Builder vqaAnnotations(List<Path> files) {
            this.vqaAnnotations = EvaluationFiles.readVqaAnnotations(files);
            return this;
        }

        /** @return the training run */
        public VlTraining build() {
            List<String> missing = new ArrayList<>();
            if (model == null) {
                missing.add("model(...)");
            }
            if (dataRoot == null && train == null) {
                missing.add("trainData(...) or data(Path)");
            }
            if (dataRoot == null && collator == null) {
                missing.add("collator(...)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("VlTraining is missing " + String.join(", ", missing));
            }
            if (dataRoot != null && (train != null || !validation.isEmpty() || !test.isEmpty())) {
                throw new IllegalArgumentException("VlTraining: give either data(Path) or trainData/validation/test, not both");
            }
            if (resume && overwrite) {
                throw new IllegalArgumentException("VlTraining: resume and overwrite exclude each other");
            }
            Recipe.Builder r = (recipe != null ? recipe : Recipe.paper(model)).toBuilder();
            if (epochs != null) {
                r.epochs(epochs);
            }
            if (learningRate != null) {
                r.learningRate(learningRate);
            }
            Path dir = runDir != null ? runDir : Path.of("runs", methodName(model) + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            return new VlTraining(this, r.build(), dir);
        }
    }
}
