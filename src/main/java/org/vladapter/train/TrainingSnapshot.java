package org.vladapter.train;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * Everything a checkpoint holds.
 *
 * @param parameters trainable parameter tensors by model name
 * @param firstMoments AdamW first moments by parameter name
 * @param secondMoments AdamW second moments by parameter name
 * @param state counters, seed, schedule and history
 * @param runRecordJson the run's provenance record as JSON (may be {@code null})
 */
public record TrainingSnapshot(
        Map<String, NDArray> parameters,
        Map<String, NDArray> firstMoments,
        Map<String, NDArray> secondMoments,
        CheckpointState state,
        String runRecordJson) {}
