package org.vladapter.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of {@link Trainer#fit()}.
 *
 * @param history per-step losses and per-epoch summaries (including epochs restored from a checkpoint)
 * @param test final test scores by task (empty without a test evaluator)
 * @param record the run's provenance record
 * @param lastCheckpoint the {@code last} checkpoint directory, or {@code null} without checkpointing
 */
public record TrainingResult(TrainingHistory history, Map<String, Double> test, RunRecord record, Path lastCheckpoint) {}
