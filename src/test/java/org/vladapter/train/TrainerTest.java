package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.nn.ForwardContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

class TrainerTest {

    private static final int SEED = 9595;

    private static Trainer.Builder<ToyMultitask.Batch> trainer(
            ToyMultitask.Model model, EpochPlan<ToyMultitask.Batch> plan, Path dir) {
        return Trainer.<ToyMultitask.Batch>builder()
                .model(model)
                .data(plan)
                .epochs(4)
                .learningRate(0.05)
                .seed(SEED)
                .checkpointDir(dir)
                .progress(ProgressBar.Style.QUIET)
                .validation(epoch -> Map.of("a", 1.0 + epoch % 2, "b", 2.0));
    }

    /** A plan that fails when asked for a given epoch, as a process killed between epochs. */
    private static EpochPlan<ToyMultitask.Batch> crashingAt(EpochPlan<ToyMultitask.Batch> plan, int crashEpoch) {
        return new EpochPlan<>() {
            @Override
            public int batchesPerEpoch() {
                return plan.batchesPerEpoch();
            }

            @Override
            public Iterator<TaskBatch<ToyMultitask.Batch>> epoch(int epoch) {
                if (epoch == crashEpoch) {
                    throw new IllegalStateException("simulated crash before epoch " + epoch);
                }
                return plan.epoch(epoch);
            }
        };
    }

    @Test
    void resumingFromLastCheckpointReproducesAnUninterruptedRun(@TempDir Path tmp) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyMultitask.Model full = new ToyMultitask.Model(manager, 7, 0.2f);
            TrainingResult uninterrupted = trainer(full, new ToyMultitask.Plan(SEED), tmp.resolve("full")).build().fit();

            ToyMultitask.Model first = new ToyMultitask.Model(manager, 7, 0.2f);
            Path dir = tmp.resolve("resumed");
            assertThatThrownBy(() -> trainer(first, crashingAt(new ToyMultitask.Plan(SEED), 2), dir).build().fit())
                    .hasMessageContaining("simulated crash");
            assertThat(new Checkpointer(dir).loadState(Checkpointer.LAST).orElseThrow().epochsCompleted()).isEqualTo(2);

            ToyMultitask.Model second = new ToyMultitask.Model(manager, 7, 0.2f);
            TrainingResult resumed = trainer(second, new ToyMultitask.Plan(SEED), dir).resume(true).build().fit();

            List<LossRecord> a = uninterrupted.history().losses();
            List<LossRecord> b = resumed.history().losses();
            assertThat(a).hasSize(24);
            assertThat(b).isEqualTo(a); // step, epoch, task, loss (exact float), lr, grad norm
            assertThat(resumed.record().configuration()).containsEntry("resumedAtEpoch", 2);
            for (Map.Entry<String, Parameter> e : full.namedParameters().entrySet()) {
                assertThat(second.namedParameters().get(e.getKey()).getArray().toFloatArray())
                        .as(e.getKey()).containsExactly(e.getValue().getArray().toFloatArray());
            }
            // the loss went down and the schedule ran warmup then decay
            assertThat(a.get(0).learningRate()).isZero();
            assertThat(a.get(2).learningRate()).isEqualTo(0.05);
        }
    }

    @Test
    void reRunsAreRefusedUnlessResumedWithTheSameConfigurationOrOverwritten(@TempDir Path tmp) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path dir = tmp.resolve("run");
            assertThatThrownBy(() -> trainer(new ToyMultitask.Model(manager, 7, 0.2f),
                    crashingAt(new ToyMultitask.Plan(SEED), 2), dir).build().fit()).hasMessageContaining("simulated crash");

            // a second run in the same folder without resume: refused, the checkpoint is untouched
            assertThatThrownBy(() -> trainer(new ToyMultitask.Model(manager, 7, 0.2f), new ToyMultitask.Plan(SEED), dir)
                    .build().fit()).isInstanceOf(RunExistsException.class)
                    .hasMessageContaining("already holds a run").hasMessageContaining("--resume").hasMessageContaining("--overwrite");
            assertThat(new Checkpointer(dir).loadState(Checkpointer.LAST).orElseThrow().epochsCompleted()).isEqualTo(2);

            // resume with another learning rate: refused, naming the key and both values
            assertThatThrownBy(() -> trainer(new ToyMultitask.Model(manager, 7, 0.2f), new ToyMultitask.Plan(SEED), dir)
                    .learningRate(0.01).resume(true).build().fit()).isInstanceOf(RunExistsException.class)
                    .hasMessageContaining("learningRate: 0.05 -> 0.01");

            // resume with the same configuration finishes the run; resuming it again is refused
            TrainingResult done = trainer(new ToyMultitask.Model(manager, 7, 0.2f), new ToyMultitask.Plan(SEED), dir)
                    .resume(true).build().fit();
            assertThat(done.history().epochs()).hasSize(4);
            assertThatThrownBy(() -> trainer(new ToyMultitask.Model(manager, 7, 0.2f), new ToyMultitask.Plan(SEED), dir)
                    .resume(true).build().fit()).isInstanceOf(RunExistsException.class)
                    .hasMessageContaining("already finished its 4 epoch(s)");

            // overwrite trains again from scratch with the new settings
            TrainingResult again = trainer(new ToyMultitask.Model(manager, 7, 0.2f), new ToyMultitask.Plan(SEED), dir)
                    .learningRate(0.01).overwrite(true).build().fit();
            assertThat(again.record().configuration()).containsEntry("learningRate", 0.01).doesNotContainKey("resumedFrom");
            assertThat(again.history().losses()).hasSize(24);
        }
    }

    @Test
    void frozenParametersGetNoStateAndOtherTasksHeadsAreSkipped(@TempDir Path tmp) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyMultitask.Model model = new ToyMultitask.Model(manager, 3, 0f);
            float[] frozenBefore = model.snapshot("base.weight");
            List<Integer> liveArrays = new java.util.ArrayList<>();
            TrainingResult r = trainer(model, new ToyMultitask.Plan(1), tmp).epochs(2)
                    .validation(epoch -> {
                        liveArrays.add(manager.getManagedArrays().size());
                        return Map.of("a", 1.0 + epoch % 2, "b", 2.0);
                    })
                    .build().fit();
            assertThat(liveArrays).as("no arrays leak from step to step").hasSize(2).allMatch(n -> n.equals(liveArrays.get(0)));
            assertThat(model.snapshot("base.weight")).containsExactly(frozenBefore);

            CheckpointState s = new Checkpointer(tmp).loadState(Checkpointer.LAST).orElseThrow();
            assertThat(s.optimizerSteps()).doesNotContainKeys("base.weight", "base.bias");
            assertThat(s.optimizerSteps()).containsEntry("hidden.weight", 12L)
                    .containsEntry("heads.a.weight", 6L).containsEntry("heads.b.bias", 6L);
            long trainable = 8 * 8 + 8 + 2 * (8 + 1);
            assertThat(r.record().metrics().get("optimizerStateBytes")).isEqualTo(trainable * 2 * 4);
            assertThat(r.history().lossesByTask()).containsOnlyKeys("a", "b");
            assertThat(r.history().epochs()).hasSize(2);
            assertThat(r.history().epochs().get(0).items()).isEqualTo(24);
            assertThat(r.history().validationByTask().get("a")).hasSize(2);
            assertThat(Files.exists(tmp.resolve("run.json"))).isTrue();
            RunRecord rec = RunRecord.fromJson(readString(tmp.resolve("run.json")));
            assertThat(rec.status()).isEqualTo("finished");
            // best = epoch 1 (mean 2.5 beats 1.5)
            assertThat(new Checkpointer(tmp).loadState(Checkpointer.BEST).orElseThrow().bestEpoch()).isEqualTo(1);
        }
    }

    @Test
    void nanLossStopsWithStepEpochTaskAndBatchAndKeepsTheLastGoodCheckpoint(@TempDir Path tmp) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyMultitask.Model inner = new ToyMultitask.Model(manager, 5, 0f);
            AtomicInteger calls = new AtomicInteger();
            TrainableModel<ToyMultitask.Batch> poisoned = new TrainableModel<>() {
                @Override
                public Map<String, Parameter> namedParameters() {
                    return inner.namedParameters();
                }

                @Override
                public NDArray loss(ToyMultitask.Batch batch, ForwardContext ctx) {
                    NDArray loss = inner.loss(batch, ctx);
                    return calls.getAndIncrement() == 8 ? loss.mul(Float.NaN) : loss;
                }
            };
            ToyMultitask.Plan plan = new ToyMultitask.Plan(11);
            TaskBatch<ToyMultitask.Batch> ninth = listOf(plan.epoch(1)).get(2);
            Map<String, float[]> afterEpoch0 = new LinkedHashMap<>();
            Trainer<ToyMultitask.Batch> t = Trainer.<ToyMultitask.Batch>builder()
                    .model(poisoned).data(plan).epochs(3).seed(SEED)
                    .checkpointDir(tmp).progress(ProgressBar.Style.QUIET)
                    .validation(epoch -> {
                        if (epoch == 0) {
                            inner.namedParameters().forEach((k, p) -> afterEpoch0.put(k, p.getArray().toFloatArray()));
                        }
                        return Map.of("a", 1.0);
                    })
                    .build();
            assertThatThrownBy(t::fit)
                    .isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("non-finite loss (NaN) at step 8, epoch 1, task '" + ninth.task() + "', batch 2")
                    .hasMessageContaining("last good checkpoint: ")
                    .satisfies(e -> assertThat(((NonFiniteLossException) e).batchIndex()).isEqualTo(2));

            Checkpointer ck = new Checkpointer(tmp);
            try (NDManager loadManager = NDManager.newBaseManager()) {
                TrainingSnapshot snap = ck.load(Checkpointer.LAST, loadManager).orElseThrow();
                assertThat(snap.state().epochsCompleted()).isEqualTo(1);
                assertThat(snap.state().globalStep()).isEqualTo(6);
                assertThat(snap.parameters().get("hidden.weight").toFloatArray())
                        .containsExactly(afterEpoch0.get("hidden.weight"));
            }
            RunRecord rec = RunRecord.fromJson(readString(tmp.resolve("run.json")));
            assertThat(rec.status()).isEqualTo("failed");
            assertThat(rec.failedDuring()).isEqualTo("training");
            assertThat(rec.error()).contains("non-finite loss");
        }
    }

    private static <T> List<T> listOf(Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
