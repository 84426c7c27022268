package org.vladapter.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import org.vladapter.nn.ForwardContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The VL-Adapter training loop (docs/behaviour.md#recipe): one task batch per step, HF AdamW, linear warmup/decay
 * stepped per batch, global gradient clipping at 5, validation after every epoch, a final test, and
 * atomic {@code last}/{@code best} checkpoints from which a run resumes exactly.
 *
 * <p>Each step runs in its own {@code NDScope}; forward and backward run in one
 * {@code GradientCollector}; the loss is read as a float and a NaN/infinite loss (or gradient norm) stops
 * training with a {@link NonFiniteLossException} naming the step, epoch, task and batch, leaving the last
 * good checkpoint in place. Then: clip, AdamW update at {@code schedule(step)}, zero gradients.
 *
 * <p>Randomness: the engine is seeded with {@code seed} when {@link #fit()} starts and reseeded with
 * {@link #epochSeed(int, int)} at the start of every epoch, so dropout masks of epoch {@code e} do not
 * depend on whether the run was resumed. Data order is the {@link EpochPlan}'s business (a function of
 * the epoch).
 *
 * @param <B> the batch type
 */
public final class Trainer<B> {

    private final TrainableModel<B> model;
    private final EpochPlan<B> plan;
    private final int epochs;
    private final double learningRate;
    private final double warmupRatio;
    private final double clipNorm;
    private final int seed;
    private final double weightDecay;
    private final double epsilon;
    private final double beta1;
    private final double beta2;
    private final Path checkpointDir;
    private final boolean resume;
    private final boolean overwrite;
    private final Evaluator validation;
    private final Evaluator test;
    private final ToDoubleFunction<Map<String, Double>> bestScore;
    private final ProgressBar.Style progress;
    private final PrintStream progressOut;
    private final double progressLineSeconds;
    private final Path runRecordFile;
    private final Map<String, Object> extraConfiguration;
    private final int gradientAccumulation;
    private final StepListener stepListener;
    private final DataParallel<B> dataParallel;

    private Trainer(Builder<B> b) {
        this.model = b.model;
        this.plan = b.plan;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.warmupRatio = b.warmupRatio;
        this.clipNorm = b.clipNorm;
        this.seed = b.seed;
        this.weightDecay = b.weightDecay;
        this.epsilon = b.epsilon;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.checkpointDir = b.checkpointDir;
        this.resume = b.resume;
        this.overwrite = b.overwrite;
        this.validation = b.validation;
        this.test = b.test;
        this.bestScore = b.bestScore;
        this.progress = b.progress;
        this.progressOut = b.progressOut;
        this.progressLineSeconds = b.progressLineSeconds;
        this.runRecordFile = b.runRecordFile != null
                ? b.runRecordFile
                : (b.checkpointDir != null ? b.checkpointDir.resolve(Checkpointer.RECORD) : null);
        this.extraConfiguration = new LinkedHashMap<>(b.extraConfiguration);
        this.gradientAccumulation = b.gradientAccumulation;
        this.stepListener = b.stepListener;
        this.dataParallel = b.replicas.isEmpty() ? null : new DataParallel<>(b.model, b.replicas);
    }

    /**
     * @param <B> the batch type
     * @return a builder; {@code model} and {@code data} are required
     */
    public static <B> Builder<B> builder() {
        return new Builder<>();
    }

    /**
     * The engine seed used for epoch {@code epoch}: {@code seed + 1_000_003 * epoch} (int arithmetic,
     * wrapping), so epoch 0 uses the run seed itself.
     *
     * @param seed the run seed
     * @param epoch the 0-based epoch
     * @return the seed set at the start of that epoch
     */
    public static int epochSeed(int seed, int epoch) {
        return seed + 1_000_003 * epoch;
    }

    /**
     * Trains (or resumes) for the configured number of epochs.
     *
     * @return the history, test scores and run record
     * @throws NonFiniteLossException when a loss or gradient norm is NaN or infinite
     */
    public TrainingResult fit() {
        RunRecord record = new RunRecord();
        describe(record);
        long t0 = System.nanoTime();
        Engine.getInstance().setRandomSeed(seed);
        Checkpointer checkpointer = checkpointDir == null ? null : new Checkpointer(checkpointDir);
        if (checkpointer != null && !resume && checkpointer.locate(Checkpointer.LAST).isPresent()) {
            if (!overwrite) {
                throw new RunExistsException("checkpoint folder " + checkpointDir + " already holds a run ("
                        + checkpointer.locate(Checkpointer.LAST).get() + "); resume it with resume(true) / --resume,"
                        + " replace it with overwrite(true) / --overwrite, or use another folder");
            }
            org.vladapter.io.AtomicDirectories.deleteTree(checkpointDir);
        }
        Map<String, Parameter> all = model.namedParameters();
        try (AdamW optimizer = AdamW.builder()
                .parameters(all)
                .betas(beta1, beta2)
                .epsilon(epsilon)
                .weightDecay(weightDecay)
                .build()) {
            Map<String, Parameter> trainable = optimizer.trainableParameters();
            record.putConfiguration("trainableParameters", trainable.size());
            record.putConfiguration("trainableElements", trainable.values().stream().mapToLong(p -> p.getArray().size()).sum());
            record.putConfiguration("allElements", all.values().stream().filter(Parameter::isInitialized).mapToLong(p -> p.getArray().size()).sum());

            long totalSteps = (long) plan.batchesPerEpoch() * epochs;
            LinearWarmupSchedule schedule = LinearWarmupSchedule.withWarmupRatio(learningRate, totalSteps, warmupRatio);
            record.putConfiguration("totalSteps", totalSteps);
            record.putConfiguration("warmupSteps", schedule.warmupSteps());
            record.putConfiguration("gradientAccumulation", gradientAccumulation);
            if (dataParallel != null) {
                record.putConfiguration("dataParallelDevices", dataParallel.devices());
            }

            Progress state = new Progress();
            if (resume && checkpointer != null) {
                restore(checkpointer, optimizer, trainable, schedule, state, record);
            }
            String lastCheckpoint = "no checkpoint was written";
            if (checkpointer != null && checkpointer.locate(Checkpointer.LAST).isPresent()) {
                lastCheckpoint = "last good checkpoint: " + checkpointer.locate(Checkpointer.LAST).get();
            }
            Path lastDir = checkpointer == null ? null : checkpointer.locate(Checkpointer.LAST).orElse(null);
            if (dataParallel != null) {
                dataParallel.broadcast(all.keySet()); // the replicas start from the main model's (restored) values
            }
            try {
                for (int epoch = state.epochsCompleted; epoch < epochs; epoch++) {
                    Engine.getInstance().setRandomSeed(epochSeed(seed, epoch));
                    EpochTotals totals = trainEpoch(epoch, optimizer, schedule, state, lastCheckpoint);
                    Map<String, Double> scores = Collections.emptyMap();
                    double validationSeconds = 0;
                    if (validation != null) {
                        long v0 = System.nanoTime();
                        scores = evaluate(validation, epoch);
                        validationSeconds = (System.nanoTime() - v0) / 1e9;
                    }
                    state.history.addEpoch(new EpochRecord(
                            epoch, totals.steps, totals.items, totals.seconds,
                            totals.seconds > 0 ? totals.items / totals.seconds : 0.0,
                            totals.meanLossByTask(), scores, validationSeconds));
                    state.epochsCompleted = epoch + 1;
                    boolean improved = false;
                    if (!scores.isEmpty()) {
                        double score = bestScore.applyAsDouble(scores);
                        if (score > state.bestScore) {
                            state.bestScore = score;
                            state.bestEpoch = epoch;
                            improved = true;
                        }
                    }
                    if (checkpointer != null) {
                        record.putTiming("elapsed", (System.nanoTime() - t0) / 1e9);
                        TrainingSnapshot snap = snapshot(optimizer, schedule, state, record);
                        lastDir = checkpointer.save(Checkpointer.LAST, snap);
                        lastCheckpoint = "last good checkpoint: " + lastDir + " (after epoch " + epoch + ")";
                        if (improved) {
                            checkpointer.save(Checkpointer.BEST, snap);
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                record.putTiming("total", (System.nanoTime() - t0) / 1e9);
                record.fail("training", e);
                writeRecord(record);
                throw e;
            }
            Map<String, Double> testScores = Collections.emptyMap();
            if (test != null) {
                long s0 = System.nanoTime();
                try {
                    testScores = evaluate(test, epochs - 1);
                } catch (RuntimeException e) {
                    describeFinishedTraining(record, state, optimizer, t0);
                    record.fail("test", e);
                    writeRecord(record);
                    throw new EvaluationFailedException(
                            new TrainingResult(state.history, Collections.emptyMap(), record, lastDir), e);
                }
                record.putTiming("test", (System.nanoTime() - s0) / 1e9);
                record.putMetric("test", testScores);
            }
            describeFinishedTraining(record, state, optimizer, t0);
            record.finish("finished");
            writeRecord(record);
            return new TrainingResult(state.history, testScores, record, lastDir);
        }
    }

    /** Records the timings and metrics of a run whose training finished. */
    private static void describeFinishedTraining(RunRecord record, Progress state, AdamW optimizer, long t0) {
        record.putTiming("total", (System.nanoTime() - t0) / 1e9);
        record.putTiming("train", state.history.epochs().stream().mapToDouble(EpochRecord::trainSeconds).sum());
        if (!state.history.epochs().isEmpty()) {
            EpochRecord lastEpoch = state.history.epochs().get(state.history.epochs().size() - 1);
            record.putMetric("lastValidation", lastEpoch.validation());
            record.putMetric("lastEpochItemsPerSecond", lastEpoch.itemsPerSecond());
        }
        if (state.bestEpoch >= 0) {
            record.putMetric("bestValidationScore", state.bestScore);
            record.putMetric("bestEpoch", state.bestEpoch);
        }
        record.putMetric("steps", state.globalStep);
        record.putMetric("optimizerStateBytes", optimizer.stateBytes());
    }

    private EpochTotals trainEpoch(
            int epoch, AdamW optimizer, LinearWarmupSchedule schedule, Progress state, String lastCheckpoint) {
        int expected = plan.batchesPerEpoch();
        ProgressBar bar = new ProgressBar(
                "epoch " + (epoch + 1) + "/" + epochs, expected, progress, progressOut, progressLineSeconds);
        Iterator<TaskBatch<B>> batches = plan.epoch(epoch);
        EpochTotals totals = new EpochTotals();
        long start = System.nanoTime();
        Engine engine = Engine.getInstance();
        while (true) {
            Interrupts.check("training step " + state.globalStep + " (epoch " + (epoch + 1) + "); " + lastCheckpoint);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                if (!batches.hasNext()) {
                    break;
                }
                TaskBatch<B> tb = batches.next();
                float loss = accumulate(tb, epoch, state, lastCheckpoint, engine);
                double norm = GradientClipping.clipGlobalNorm(
                        optimizer.trainableParameters().values(), clipNorm > 0 ? clipNorm : Double.POSITIVE_INFINITY);
                if (!Double.isFinite(norm)) {
                    optimizer.zeroGradients();
                    throw new NonFiniteLossException(
                            "gradient norm", norm, state.globalStep, epoch, tb.task(), tb.index(), lastCheckpoint);
                }
                double lr = schedule.learningRate(state.globalStep);
                String task = tb.task();
                optimizer.step(lr, name -> model.usesParameter(task, name));
                if (dataParallel != null) {
                    dataParallel.broadcast(optimizer.trainableParameters().keySet());
                }
                state.history.addLoss(new LossRecord(state.globalStep, epoch, tb.index(), task, loss, lr, norm));
                state.globalStep++;
                totals.add(task, loss, tb.size());
                bar.step(tb.size(), loss);
                if (stepListener != null) {
                    stepListener.onStep(new StepListener.Step(epoch, epochs, totals.steps, expected, task, loss));
                }
            }
        }
        totals.seconds = (System.nanoTime() - start) / 1e9;
        bar.finish();
        if (totals.steps != expected) {
            throw new IllegalStateException(
                    "epoch " + epoch + " yielded " + totals.steps + " batches but the plan declared batchesPerEpoch() = "
                            + expected + "; the learning-rate schedule depends on it");
        }
        return totals;
    }

    /**
     * Forward and backward of one step's batch: in one pass, or with gradient accumulation in up to k
     * micro-batches, each in its own scope so that only one micro-batch's activations are alive at a time;
     * each micro-batch's loss is scaled by its share of the batch's loss normaliser before backward, so the
     * summed gradients (and the reported loss) are those of the whole batch.
     */
    private float accumulate(TaskBatch<B> tb, int epoch, Progress state, String lastCheckpoint, Engine engine) {
        if (dataParallel != null) {
            return dataParallelStep(tb, epoch, state, lastCheckpoint, engine);
        }
        return backward(model, model.microBatches(tb.batch(), gradientAccumulation), 1.0, tb, epoch, state,
                lastCheckpoint, engine);
    }

    /**
     * One shard of the batch per model (weighted like micro-batches), each shard further split into the
     * gradient-accumulation micro-batches on its model; the replicas' gradients are then summed onto the main
     * model's ({@link DataParallel}).
     */
    private float dataParallelStep(TaskBatch<B> tb, int epoch, Progress state, String lastCheckpoint, Engine engine) {
        List<MicroBatch<B>> shards = model.microBatches(tb.batch(), dataParallel.size());
        double loss = 0;
        for (int i = 0; i < shards.size(); i++) {
            TrainableModel<B> member = dataParallel.member(i);
            MicroBatch<B> shard = shards.get(i);
            List<MicroBatch<B>> parts = member.microBatches(shard.batch(), gradientAccumulation);
            loss += backward(member, parts, shard.weight(), tb, epoch, state, lastCheckpoint, engine);
        }
        Map<String, Parameter> trainable = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> {
            if (p.requiresGradient()) {
                trainable.put(k, p);
            }
        });
        String task = tb.task();
        dataParallel.reduce(trainable, name -> model.usesParameter(task, name), shards.size());
        return (float) loss;
    }

    /**
     * Forward and backward of a batch's parts on one model, each part in its own scope so that only one part's
     * activations are alive at a time; each part's loss is scaled by {@code scale} times its weight before
     * backward, so the summed gradients (and the returned loss) are those of the parts' share of the batch.
     */
    private float backward(TrainableModel<B> on, List<MicroBatch<B>> parts, double scale, TaskBatch<B> tb, int epoch,
            Progress state, String lastCheckpoint, Engine engine) {
        double loss = 0;
        for (MicroBatch<B> part : parts) {
            try (NDScope micro = new NDScope(); GradientCollector collector = engine.newGradientCollector()) {
                micro.suppressNotUsedWarning();
                NDArray lossArray = on.loss(part.batch(), ForwardContext.train(tb.task()));
                float value = scalar(lossArray, tb, epoch);
                if (!Float.isFinite(value)) {
                    throw new NonFiniteLossException(
                            "loss", value, state.globalStep, epoch, tb.task(), tb.index(), lastCheckpoint);
                }
                double weight = scale * part.weight();
                loss += weight * value;
                collector.backward(parts.size() == 1 && scale == 1.0 ? lossArray
                        : org.vladapter.nn.Ops.scale(lossArray, (float) weight));
            }
        }
        return (float) loss;
    }

    private static float scalar(NDArray loss, TaskBatch<?> tb, int epoch) {
        if (loss.size() != 1) {
            throw new IllegalStateException(
                    "model loss for task '" + tb.task() + "' (epoch " + epoch + ", batch " + tb.index()
                            + ") must be a scalar, got shape " + loss.getShape());
        }
        return loss.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()[0];
    }

    private static Map<String, Double> evaluate(Evaluator evaluator, int epoch) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, Double> scores = evaluator.evaluate(epoch);
            return scores == null ? Collections.emptyMap() : new LinkedHashMap<>(scores);
        }
    }

    private TrainingSnapshot snapshot(AdamW optimizer, LinearWarmupSchedule schedule, Progress state, RunRecord record) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        optimizer.trainableParameters().forEach((k, p) -> params.put(k, p.getArray()));
        CheckpointState cs = new CheckpointState(
                CheckpointState.FORMAT_VERSION,
                state.epochsCompleted,
                state.globalStep,
                state.globalStep,
                schedule.totalSteps(),
                schedule.warmupSteps(),
                seed,
                optimizer.stepCounts(),
                state.bestScore,
                state.bestEpoch,
                state.history,
                Instant.now().toString());
        return new TrainingSnapshot(params, optimizer.firstMoments(), optimizer.secondMoments(), cs, record.toJson());
    }

    private void restore(
            Checkpointer checkpointer,
            AdamW optimizer,
            Map<String, Parameter> trainable,
            LinearWarmupSchedule schedule,
            Progress state,
            RunRecord record) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TrainingSnapshot snap = checkpointer.load(Checkpointer.LAST, manager).orElse(null);
            if (snap == null) {
                return;
            }
            Path dir = checkpointer.locate(Checkpointer.LAST).orElseThrow();
            CheckpointState cs = snap.state();
            refuseChangedConfiguration(dir, snap.runRecordJson(), record);
            if (cs.epochsCompleted() >= epochs) {
                throw new RunExistsException("the run in " + dir + " already finished its " + cs.epochsCompleted()
                        + " epoch(s); there is nothing to resume (use overwrite(true) / --overwrite to train it again)");
            }
            if (cs.seed() != seed) {
                throw new IllegalStateException(
                        "checkpoint " + dir + " was trained with seed " + cs.seed() + " but this run uses " + seed);
            }
            if (cs.totalSteps() != schedule.totalSteps()) {
                throw new IllegalStateException(
                        "checkpoint " + dir + " has a schedule of " + cs.totalSteps() + " steps but this run has "
                                + schedule.totalSteps() + " (batches per epoch x epochs must match to resume)");
            }
            for (Map.Entry<String, NDArray> e : snap.parameters().entrySet()) {
                Parameter p = trainable.get(e.getKey());
                if (p == null) {
                    throw new IllegalStateException(
                            "checkpoint " + dir + " holds '" + e.getKey() + "', which is not a trainable parameter of the model");
                }
                if (!p.getArray().getShape().equals(e.getValue().getShape())) {
                    throw new IllegalStateException(
                            "checkpoint " + dir + " tensor '" + e.getKey() + "': expected shape "
                                    + p.getArray().getShape() + ", found " + e.getValue().getShape());
                }
            }
            for (String name : trainable.keySet()) {
                if (!snap.parameters().containsKey(name)) {
                    throw new IllegalStateException(
                            "checkpoint " + dir + " lacks trainable parameter '" + name + "'");
                }
            }
            try (org.vladapter.nn.NoGradient noGradient = org.vladapter.nn.NoGradient.open()) {
                for (Map.Entry<String, NDArray> e : snap.parameters().entrySet()) {
                    trainable.get(e.getKey()).getArray().set(e.getValue().toByteBuffer());
                }
            }
            optimizer.loadState(snap.firstMoments(), snap.secondMoments(), cs.optimizerSteps());
            state.epochsCompleted = cs.epochsCompleted();
            state.globalStep = cs.globalStep();
            state.bestScore = cs.bestScore();
            state.bestEpoch = cs.bestEpoch();
            state.history = cs.history() == null ? new TrainingHistory() : cs.history();
            record.putConfiguration("resumedFrom", dir.toString());
            record.putConfiguration("resumedAtEpoch", cs.epochsCompleted());
        }
    }

    /** Configuration keys that legitimately differ between a run and its resumption. */
    private static final java.util.Set<String> RESUME_KEYS = java.util.Set.of("resumedFrom", "resumedAtEpoch");

    private static void refuseChangedConfiguration(Path dir, String recordedJson, RunRecord now) {
        if (recordedJson == null) {
            return;
        }
        com.google.gson.JsonObject before = com.google.gson.JsonParser.parseString(recordedJson).getAsJsonObject()
                .getAsJsonObject("configuration");
        com.google.gson.JsonObject after = now.toJsonTree().getAsJsonObject("configuration");
        if (before == null || after == null) {
            return;
        }
        java.util.List<String> diffs = new java.util.ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            if (RESUME_KEYS.contains(k)) {
                continue;
            }
            com.google.gson.JsonElement a = before.get(k);
            com.google.gson.JsonElement b = after.get(k);
            if (!java.util.Objects.equals(a, b)) {
                diffs.add(k + ": " + a + " -> " + b);
            }
        }
        if (!diffs.isEmpty()) {
            throw new RunExistsException("cannot resume " + dir + ": it was trained with another configuration ("
                    + String.join("; ", diffs) + "); use the same settings, overwrite(true) / --overwrite, or another folder");
        }
    }

    private void describe(RunRecord record) {
        record.putSeed("trainer", seed);
        record.putConfiguration("epochs", epochs);
        record.putConfiguration("learningRate", learningRate);
        record.putConfiguration("warmupRatio", warmupRatio);
        record.putConfiguration("clipNorm", clipNorm);
        record.putConfiguration("optimizer", "transformers.optimization.AdamW (HF 4.x)");
        record.putConfiguration("betas", java.util.List.of(beta1, beta2));
        record.putConfiguration("epsilon", epsilon);
        record.putConfiguration("weightDecay", weightDecay);
        record.putConfiguration("noDecay", AdamW.DEFAULT_NO_DECAY);
        record.putConfiguration("schedule", "linear warmup, linear decay to 0, stepped per batch");
        record.putConfiguration("batchesPerEpoch", plan.batchesPerEpoch());
        record.putConfiguration("epochSeedRule", "seed + 1000003 * epoch");
        record.putConfiguration("checkpointDir", checkpointDir == null ? null : checkpointDir.toString());
        extraConfiguration.forEach(record::putConfiguration);
    }

    private void writeRecord(RunRecord record) {
        if (runRecordFile != null) {
            record.writeTo(runRecordFile);
        }
    }

    /** Mutable counters of a run. */
    private static final class Progress {
        int epochsCompleted;
        long globalStep;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1;
        TrainingHistory history = new TrainingHistory();
    }

    /** Per-epoch sums. */
    private static final class EpochTotals {
        long steps;
        long items;
        double seconds;
        final Map<String, double[]> lossSums = new LinkedHashMap<>();

        void add(String task, float loss, int size) {
            steps++;
            items += size;
            double[] s = lossSums.computeIfAbsent(task, k -> new double[2]);
            s[0] += loss;
            s[1] += 1;
        }

        Map<String, Double> meanLossByTask() {
            Map<String, Double> out = new LinkedHashMap<>();
            lossSums.forEach((k, v) -> out.put(k, v[0] / v[1]));
            return out;
        }
    }

    /**
     * Builds a {@link Trainer}. Defaults follow VL-Adapter's image recipe: 20 epochs, lr 1e-3, warmup
     * 0.1, clip 5.0, seed 9595, AdamW betas 0.9/0.999, eps 1e-6, weight decay 0.01.
     *
     * @param <B> the batch type
     */
    public static final class Builder<B> {
        private TrainableModel<B> model;
        private EpochPlan<B> plan;
        private int epochs = 20;
        private double learningRate = 1e-3;
        private double warmupRatio = 0.1;
        private double clipNorm = GradientClipping.VL_ADAPTER_MAX_NORM;
        private int seed = PaperSeed.VALUE;
        private double weightDecay = 0.01;
        private double epsilon = 1e-6;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private Path checkpointDir;
        private boolean resume;
        private boolean overwrite;
        private Evaluator validation;
        private Evaluator test;
        private ToDoubleFunction<Map<String, Double>> bestScore =
                scores -> scores.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        private ProgressBar.Style progress = ProgressBar.Style.AUTO;
        private PrintStream progressOut = System.err;
        private double progressLineSeconds = 30;
        private Path runRecordFile;
        private final Map<String, Object> extraConfiguration = new LinkedHashMap<>();
        private int gradientAccumulation = 1;
        private StepListener stepListener;
        private List<TrainableModel<B>> replicas = List.of();

        private Builder() {}

        /**
         * @param model the model to train
         * @return this builder
         */
        public Builder<B> model(TrainableModel<B> model) {
            this.model = model;
            return this;
        }

        /**
         * Data-parallel training: every step splits the batch into one shard per model (the main one and these),
         * runs each shard on its own model, sums the gradients onto the main model, takes one optimiser step and
         * copies the trained parameters back (see the package's {@code DataParallel}); the update is the whole
         * batch's on one model within float rounding.
         *
         * @param models replicas of the main model, typically built the same way on other devices (one per GPU);
         *     same parameter names, shapes and trainable set (default none: single-model training)
         * @return this builder
         */
        public Builder<B> replicas(List<? extends TrainableModel<B>> models) {
            this.replicas = List.copyOf(models);
            return this;
        }

        /**
         * @param microBatches split every batch into this many micro-batches and accumulate their gradients
         *     before one optimiser step (default 1): the same update as the whole batch, with the memory of one
         *     micro-batch, so the paper's batch of 500 fits a smaller GPU; with {@link #replicas}, every model's
         *     shard is split so
         * @return this builder
         */
        public Builder<B> gradientAccumulation(int microBatches) {
            if (microBatches < 1) {
                throw new IllegalArgumentException("gradient accumulation needs >= 1 micro-batches, got " + microBatches);
            }
            this.gradientAccumulation = microBatches;
            return this;
        }

        /**
         * @param plan the epochs' task batches
         * @return this builder
         */
        public Builder<B> data(EpochPlan<B> plan) {
            this.plan = plan;
            return this;
        }

        /**
         * @param epochs total epochs (a resumed run continues up to this number)
         * @return this builder
         */
        public Builder<B> epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param learningRate the peak learning rate
         * @return this builder
         */
        public Builder<B> learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param warmupRatio fraction of all steps spent warming up (default 0.1)
         * @return this builder
         */
        public Builder<B> warmupRatio(double warmupRatio) {
            this.warmupRatio = warmupRatio;
            return this;
        }

        /**
         * @param clipNorm global gradient-norm limit (default 5.0; 0 or less disables clipping)
         * @return this builder
         */
        public Builder<B> clipNorm(double clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        /**
         * @param seed the run seed (default {@link PaperSeed#VALUE})
         * @return this builder
         */
        public Builder<B> seed(int seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param weightDecay AdamW weight decay (default 0.01)
         * @return this builder
         */
        public Builder<B> weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * @param epsilon AdamW epsilon (default 1e-6)
         * @return this builder
         */
        public Builder<B> epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * @param beta1 AdamW first-moment decay (default 0.9)
         * @param beta2 AdamW second-moment decay (default 0.999)
         * @return this builder
         */
        public Builder<B> betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * @param dir where {@code last/}, {@code best/} and {@code run.json} are written (default: none)
         * @return this builder
         */
        public Builder<B> checkpointDir(Path dir) {
            this.checkpointDir = dir;
            return this;
        }

        /**
         * @param resume whether to continue from {@code last/} in the checkpoint directory when it exists
         *     (default false: an existing run is refused unless {@link #overwrite} is on). A resumed run
         *     must have the recorded configuration (the differing keys are named) and unfinished epochs.
         * @return this builder
         */
        public Builder<B> resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * @param overwrite whether a run already in the checkpoint directory may be deleted and trained again
         *     (default false: such a run is refused unless {@link #resume} is on)
         * @return this builder
         */
        public Builder<B> overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * @param evaluator called after every epoch; its scores are recorded and pick the best checkpoint
         * @return this builder
         */
        public Builder<B> validation(Evaluator evaluator) {
            this.validation = evaluator;
            return this;
        }

        /**
         * @param evaluator called once after the last epoch, with the last-epoch model (as VL-Adapter)
         * @return this builder
         */
        public Builder<B> test(Evaluator evaluator) {
            this.test = evaluator;
            return this;
        }

        /**
         * @param score turns validation scores into one number to maximise (default: their mean)
         * @return this builder
         */
        public Builder<B> bestScore(ToDoubleFunction<Map<String, Double>> score) {
            this.bestScore = score;
            return this;
        }

        /**
         * @param style progress display (default AUTO; QUIET for tests)
         * @return this builder
         */
        public Builder<B> progress(ProgressBar.Style style) {
            this.progress = style;
            return this;
        }

        /**
         * @param out where progress goes (default {@code System.err})
         * @param lineIntervalSeconds seconds between plain lines when not on a terminal (default 30)
         * @return this builder
         */
        public Builder<B> progressOutput(PrintStream out, double lineIntervalSeconds) {
            this.progressOut = out;
            this.progressLineSeconds = lineIntervalSeconds;
            return this;
        }

        /**
         * @param listener told about every finished step (default: none)
         * @return this builder
         */
        public Builder<B> stepListener(StepListener listener) {
            this.stepListener = listener;
            return this;
        }

        /**
         * @param file where the run record is written at the end (default: {@code run.json} in the
         *     checkpoint directory, or nowhere)
         * @return this builder
         */
        public Builder<B> runRecordFile(Path file) {
            this.runRecordFile = file;
            return this;
        }

        /**
         * Adds an entry to the run record's configuration (method, backbone, batch sizes, ...).
         *
         * @param key the option name
         * @param value its value
         * @return this builder
         */
        public Builder<B> configuration(String key, Object value) {
            this.extraConfiguration.put(key, value);
            return this;
        }

        /** @return the trainer */
        public Trainer<B> build() {
            Objects.requireNonNull(model, "Trainer needs model(...)");
            Objects.requireNonNull(plan, "Trainer needs data(...)");
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            }
            if (warmupRatio < 0 || warmupRatio > 1) {
                throw new IllegalArgumentException("warmup ratio must be in [0, 1], got " + warmupRatio);
            }
            return new Trainer<>(this);
        }
    }
}
