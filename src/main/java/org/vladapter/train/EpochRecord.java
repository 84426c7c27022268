package org.vladapter.train;

import java.util.Map;

/**
 * What happened in one epoch.
 *
 * @param epoch the 0-based epoch
 * @param steps optimizer steps taken
 * @param items training examples seen
 * @param trainSeconds wall time of the training steps
 * @param itemsPerSecond throughput of the training steps
 * @param meanLossByTask mean training loss per task key
 * @param validation validation scores per task key (empty without a validator)
 * @param validationSeconds wall time of the validation
 */
public record EpochRecord(
        int epoch,
        long steps,
        long items,
        double trainSeconds,
        double itemsPerSecond,
        Map<String, Double> meanLossByTask,
        Map<String, Double> validation,
        double validationSeconds) {}
