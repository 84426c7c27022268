package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An interrupt request (a notebook's stop button) ends training at the next step, and only that run. */
class TrainerInterruptTest {

    @AfterEach
    void clear() {
        Interrupts.clear();
    }

    /** A plan that requests an interrupt while handing out the batch with global index {@code at}. */
    private static EpochPlan<ToyMultitask.Batch> interruptingAt(EpochPlan<ToyMultitask.Batch> plan, int at, AtomicInteger served) {
        return new EpochPlan<>() {
            @Override
            public int batchesPerEpoch() {
                return plan.batchesPerEpoch();
            }

            @Override
            public Iterator<TaskBatch<ToyMultitask.Batch>> epoch(int epoch) {
                Iterator<TaskBatch<ToyMultitask.Batch>> it = plan.epoch(epoch);
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public TaskBatch<ToyMultitask.Batch> next() {
                        if (served.getAndIncrement() == at) {
                            Interrupts.request();
                        }
                        return it.next();
                    }
                };
            }
        };
    }

    @Test
    void stopsAtTheNextStepBoundaryAndTheNextRunIsUnaffected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyMultitask.Model model = new ToyMultitask.Model(manager, 7, 0.2f);
            AtomicInteger served = new AtomicInteger();
            int at = new ToyMultitask.Plan(1).batchesPerEpoch() + 2;
            Trainer<ToyMultitask.Batch> trainer = Trainer.<ToyMultitask.Batch>builder()
                    .model(model).data(interruptingAt(new ToyMultitask.Plan(1), at, served))
                    .epochs(3).learningRate(0.05).seed(1).progress(ProgressBar.Style.QUIET)
                    .validation(epoch -> Map.of("a", 1.0)).build();
            assertThatThrownBy(trainer::fit).isInstanceOf(RunInterruptedException.class)
                    .hasMessageContaining("training step " + (at + 1)).hasMessageContaining("epoch 2");
            // the batch being handed out when the request came was still trained on; nothing after it
            assertThat(served.get()).isEqualTo(at + 1);
            assertThat(Interrupts.requested()).isFalse();

            ToyMultitask.Model again = new ToyMultitask.Model(manager, 7, 0.2f);
            TrainingResult result = Trainer.<ToyMultitask.Batch>builder()
                    .model(again).data(new ToyMultitask.Plan(1)).epochs(1).learningRate(0.05)
                    .seed(1).progress(ProgressBar.Style.QUIET).build().fit();
            assertThat(result.history().losses()).hasSize(new ToyMultitask.Plan(1).batchesPerEpoch());
        }
    }
}
