package org.vladapter.train;

import java.util.Map;

/**
 * The non-tensor part of a checkpoint ({@code state.json}).
 *
 * <p>Resume needs no RNG dump: the trainer reseeds the engine at the start of every epoch from
 * {@code seed} and the epoch ({@link Trainer#epochSeed}), data order comes from the {@link EpochPlan}
 * as a function of the epoch, and checkpoints are taken at epoch boundaries. So {@code seed},
 * {@code epochsCompleted} and {@code globalStep} determine everything that follows.
 *
 * @param formatVersion checkpoint format version ({@link #FORMAT_VERSION})
 * @param epochsCompleted epochs finished when saved; training resumes at this epoch
 * @param globalStep optimizer steps taken so far
 * @param schedulerStep the learning-rate schedule's position (equals {@code globalStep})
 * @param totalSteps the schedule's total steps
 * @param warmupSteps the schedule's warmup steps
 * @param seed the trainer seed
 * @param optimizerSteps per-parameter AdamW step counts (bias correction)
 * @param bestScore the best validation score so far ({@code -Infinity} when none)
 * @param bestEpoch the epoch of the best score, or -1
 * @param history losses and epoch summaries so far
 * @param savedAt ISO-8601 time of saving
 */
public record CheckpointState(
        int formatVersion,
        int epochsCompleted,
        long globalStep,
        long schedulerStep,
        long totalSteps,
        long warmupSteps,
        int seed,
        Map<String, Long> optimizerSteps,
        double bestScore,
        int bestEpoch,
        TrainingHistory history,
        String savedAt) {

    /** The current checkpoint format version. */
    public static final int FORMAT_VERSION = 1;
}
