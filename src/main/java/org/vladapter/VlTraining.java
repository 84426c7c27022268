package org.vladapter;

import org.vladapter.report.Charts;
import org.vladapter.report.MethodResult;
import org.vladapter.report.ResultsTable;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.MultitaskLoader;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.train.Evaluator;
import org.vladapter.train.ProgressBar;
import org.vladapter.train.Trainer;
import org.vladapter.train.TrainingResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Multi-task training of a {@link VlModel} as the paper runs it, with everything a run leaves behind in
 * its run folder: checkpoints ({@code checkpoints/last}, {@code checkpoints/best}), the run record
 * ({@code run.json}), the adapter-only checkpoint of the final model ({@code adapter/}, see
 * {@link AdapterCheckpoint}), per-epoch validation, the final test with prediction files, the results table
 * ({@code results.csv}, {@code results.html}) and charts ({@code loss.png}, {@code validation.png},
 * {@code score_vs_params.png}).
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

    private VlTraining(Builder b) {
        this.b = b;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains, validates every epoch, tests once at the end and writes the reports.
     *
     * @return the result
     */
    public Result fit() {
        VlModel model = b.model;
        Evaluator validation = b.validation.isEmpty() ? null : epoch -> evaluate(b.validation, null);
        Path predictions = b.runDir.resolve("predictions");
        Evaluator test = b.test.isEmpty() ? null : epoch -> evaluate(b.test, predictions);
        Trainer.Builder<org.vladapter.tasks.Batch> tb = Trainer.<org.vladapter.tasks.Batch>builder()
                .setModel(model)
                .setData(new MultitaskPlan(b.train))
                .optEpochs(b.epochs)
                .optLearningRate(b.learningRate)
                .optWarmupRatio(b.warmupRatio)
                .optClipNorm(b.clipNorm)
                .optSeed(b.seed)
                .optCheckpointDir(b.runDir.resolve("checkpoints"))
                .optRunRecordFile(b.runDir.resolve("run.json"))
                .optProgress(b.progress)
                .optGradientAccumulation(b.gradientAccumulation);
        model.provenance().forEach(tb::optConfiguration);
        tb.optConfiguration("trainable_parameters", model.parameterSummary().line());
        if (validation != null) {
            tb.optValidation(validation);
        }
        if (test != null) {
            tb.optTest(test);
        }
        TrainingResult result = tb.build().fit();
        AdapterCheckpoint.save(model, b.runDir.resolve("adapter"));

        Map<String, Double> scores = !result.test().isEmpty() ? result.test() : lastValidation(result);
        String name = model.method().method().name().toLowerCase(java.util.Locale.ROOT)
                + model.method().sharing().map(s -> "/" + s.name().toLowerCase(java.util.Locale.ROOT)).orElse("");
        List<String> taskKeys = model.tasks().stream().map(Task::key).collect(Collectors.toList());
        ResultsTable table = ResultsTable.of(model.backbone().id() + " - " + name, taskKeys,
                List.of(new MethodResult(name, scores, model.parameterSummary().trainablePercent())));
        table.saveCsv(b.runDir.resolve("results.csv"));
        table.saveHtml(b.runDir.resolve("results.html"));
        Charts.savePng(Charts.lossPerTask(result.history(), 900, 500, 20), b.runDir.resolve("loss.png"));
        if (!result.history().epochs().isEmpty() && validation != null) {
            Charts.savePng(Charts.validationPerEpoch(result.history(), 900, 500), b.runDir.resolve("validation.png"));
        }
        if (!scores.isEmpty()) {
            Charts.savePng(Charts.scoreVersusTrainedParameters(table, ResultsTable.AVERAGE, 700, 500),
                    b.runDir.resolve("score_vs_params.png"));
        }
        return new Result(result, table, b.runDir);
    }

    private static Map<String, Double> lastValidation(TrainingResult result) {
        var epochs = result.history().epochs();
        return epochs.isEmpty() ? Map.of() : epochs.get(epochs.size() - 1).validation();
    }

    private Map<String, Double> evaluate(Map<Task, TaskDataset> splits, Path predictionDir) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Map.Entry<Task, TaskDataset> e : splits.entrySet()) {
            ProgressBar bar = new ProgressBar("eval " + e.getKey().key(), e.getValue().size(), b.progress, System.err, 10);
            TaskEvaluation.Result r = TaskEvaluation.evaluate(b.model, e.getValue(), b.collator, b.evalBatchSize, bar,
                    b.vqaAnnotations);
            bar.finish();
            scores.put(e.getKey().key(), r.score());
            if (predictionDir != null) {
                PredictionFiles.write(predictionDir, r);
            }
        }
        return scores;
    }

    /** Builder of {@link VlTraining}: the paper's recipe by default (spec 3). */
    public static final class Builder {
        private VlModel model;
        private MultitaskLoader train;
        private BatchCollator collator;
        private final Map<Task, TaskDataset> validation = new LinkedHashMap<>();
        private final Map<Task, TaskDataset> test = new LinkedHashMap<>();
        private int epochs = 20;
        private double learningRate = 1e-3;
        private double warmupRatio = 0.1;
        private double clipNorm = 5.0;
        private int seed = 9595;
        private int evalBatchSize = 32;
        private Path runDir = Path.of("runs", "run");
        private ProgressBar.Style progress = ProgressBar.Style.AUTO;
        private int gradientAccumulation = 1;
        private Map<String, org.vladapter.metrics.VqaAnnotation> vqaAnnotations = Map.of();

        private Builder() {}

        /**
         * @param model the model to train
         * @return this
         */
        public Builder setModel(VlModel model) {
            this.model = model;
            return this;
        }

        /**
         * @param train the multi-task training loader
         * @return this
         */
        public Builder setTrainData(MultitaskLoader train) {
            this.train = train;
            return this;
        }

        /**
         * @param collator the collator used for evaluation batches
         * @return this
         */
        public Builder setCollator(BatchCollator collator) {
            this.collator = collator;
            return this;
        }

        /**
         * @param task a task
         * @param split its validation split (evaluated after every epoch)
         * @return this
         */
        public Builder optValidation(Task task, TaskDataset split) {
            validation.put(task, split);
            return this;
        }

        /**
         * @param task a task
         * @param split its test split (evaluated once with the last-epoch model; predictions written)
         * @return this
         */
        public Builder optTest(Task task, TaskDataset split) {
            test.put(task, split);
            return this;
        }

        /**
         * @param epochs epochs (paper: 20 image, 7 video)
         * @return this
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param lr peak learning rate (paper: 1e-3 for most PEFT methods, 1e-4 full fine-tuning, spec 3.2)
         * @return this
         */
        public Builder optLearningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /**
         * @param ratio warmup fraction of all steps (paper: 0.1)
         * @return this
         */
        public Builder optWarmupRatio(double ratio) {
            this.warmupRatio = ratio;
            return this;
        }

        /**
         * @param norm global gradient-norm clip (paper: 5)
         * @return this
         */
        public Builder optClipNorm(double norm) {
            this.clipNorm = norm;
            return this;
        }

        /**
         * @param seed training seed (paper: 9595)
         * @return this
         */
        public Builder optSeed(int seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param size evaluation batch size
         * @return this
         */
        public Builder optEvalBatchSize(int size) {
            this.evalBatchSize = size;
            return this;
        }

        /**
         * @param dir the run folder
         * @return this
         */
        public Builder optRunDir(Path dir) {
            this.runDir = dir;
            return this;
        }

        /**
         * @param microBatches micro-batches per step, gradients accumulated (default 1); see
         *     {@link Trainer.Builder#optGradientAccumulation}
         * @return this
         */
        public Builder optGradientAccumulation(int microBatches) {
            this.gradientAccumulation = microBatches;
            return this;
        }

        /**
         * @param style progress output style
         * @return this
         */
        public Builder optProgress(ProgressBar.Style style) {
            this.progress = style;
            return this;
        }

        /**
         * @param files official VQA annotation files (10 answers per question); VQA is then scored with the
         *     official-style accuracy, as the paper reports it
         * @return this
         */
        public Builder optVqaAnnotations(List<Path> files) {
            this.vqaAnnotations = org.vladapter.metrics.EvaluationFiles.readVqaAnnotations(files);
            return this;
        }

        /** @return the training run */
        public VlTraining build() {
            if (model == null || train == null || collator == null) {
                throw new IllegalArgumentException("VlTraining needs setModel, setTrainData and setCollator");
            }
            return new VlTraining(this);
        }
    }
}
