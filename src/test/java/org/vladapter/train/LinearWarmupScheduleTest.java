package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearWarmupScheduleTest {

    /** HF get_linear_schedule_with_warmup's lr_lambda, transcribed. */
    static double hf(long step, long warmup, long total) {
        if (step < warmup) {
            return (double) step / Math.max(1, warmup);
        }
        return Math.max(0.0, (double) (total - step) / Math.max(1, total - warmup));
    }

    @Test
    void matchesTheFormulaAtEveryStep() {
        for (long total : new long[] {1, 7, 10, 100, 1234}) {
            LinearWarmupSchedule s = LinearWarmupSchedule.withWarmupRatio(3e-4, total, 0.1);
            long warmup = (long) (0.1 * total);
            assertThat(s.warmupSteps()).isEqualTo(warmup);
            for (long k = 0; k <= total + 3; k++) {
                assertThat(s.learningRate(k)).as("total %d step %d", total, k).isCloseTo(3e-4 * hf(k, warmup, total), within(1e-15));
            }
        }
    }

    @Test
    void knownValues() {
        LinearWarmupSchedule s = LinearWarmupSchedule.withWarmupRatio(1.0, 100, 0.1);
        assertThat(s.lambda(0)).isZero();
        assertThat(s.lambda(5)).isEqualTo(0.5);
        assertThat(s.lambda(10)).isEqualTo(1.0);
        assertThat(s.lambda(55)).isEqualTo(0.5);
        assertThat(s.lambda(100)).isZero();
        assertThat(s.lambda(150)).isZero();
        // warmup truncates: int(0.1 * 7) = 0 => full rate from the first step
        assertThat(LinearWarmupSchedule.withWarmupRatio(1.0, 7, 0.1).lambda(0)).isEqualTo(1.0);
    }
}
