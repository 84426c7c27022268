package org.vladapter.train;

/**
 * HuggingFace {@code get_linear_schedule_with_warmup}: the learning rate rises linearly from 0 over the
 * warmup steps, then falls linearly to 0 at the last training step.
 *
 * <pre>
 *   lambda(step) = step / max(1, warmup)                              if step &lt; warmup
 *                = max(0, (total - step) / max(1, total - warmup))     otherwise
 * </pre>
 * VL-Adapter steps the scheduler after every optimizer step, so optimizer step {@code k} (0-based) uses
 * {@code baseLr * lambda(k)}: the very first update has learning rate 0 whenever warmup &gt; 0. Warmup is
 * {@code int(ratio * total)} (truncated, as Python's {@code int}); VL-Adapter's ratio is 0.1.
 */
public final class LinearWarmupSchedule {

    private final double baseLearningRate;
    private final long totalSteps;
    private final long warmupSteps;

    /**
     * @param baseLearningRate the peak learning rate
     * @param totalSteps number of training steps (batches per epoch x epochs)
     * @param warmupSteps number of warmup steps
     */
    public LinearWarmupSchedule(double baseLearningRate, long totalSteps, long warmupSteps) {
        if (totalSteps < 0 || warmupSteps < 0) {
            throw new IllegalArgumentException(
                    "schedule steps must be >= 0, got total " + totalSteps + ", warmup " + warmupSteps);
        }
        this.baseLearningRate = baseLearningRate;
        this.totalSteps = totalSteps;
        this.warmupSteps = warmupSteps;
    }

    /**
     * @param baseLearningRate the peak learning rate
     * @param totalSteps number of training steps
     * @param warmupRatio fraction of steps used for warmup (VL-Adapter: 0.1)
     * @return the schedule with {@code warmup = int(warmupRatio * totalSteps)}
     */
    public static LinearWarmupSchedule withWarmupRatio(double baseLearningRate, long totalSteps, double warmupRatio) {
        return new LinearWarmupSchedule(baseLearningRate, totalSteps, (long) (warmupRatio * totalSteps));
    }

    /**
     * @param step the 0-based optimizer step
     * @return the multiplier of the base learning rate at that step
     */
    public double lambda(long step) {
        if (step < warmupSteps) {
            return (double) step / (double) Math.max(1L, warmupSteps);
        }
        return Math.max(0.0, (double) (totalSteps - step) / (double) Math.max(1L, totalSteps - warmupSteps));
    }

    /**
     * @param step the 0-based optimizer step
     * @return the learning rate used by that step
     */
    public double learningRate(long step) {
        return baseLearningRate * lambda(step);
    }

    /** @return the peak learning rate */
    public double baseLearningRate() {
        return baseLearningRate;
    }

    /** @return the total number of steps */
    public long totalSteps() {
        return totalSteps;
    }

    /** @return the number of warmup steps */
    public long warmupSteps() {
        return warmupSteps;
    }
}
