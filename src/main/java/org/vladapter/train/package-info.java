/**
 * Training machinery for VL-Adapter (docs/behaviour.md#recipe): the HF-4.x {@link org.vladapter.train.AdamW}, the
 * linear warmup/decay schedule, global gradient-norm clipping, the {@link org.vladapter.train.Trainer}
 * loop with per-task loss history, atomic last/best checkpoints with exact resume, a light progress bar,
 * and a provenance {@link org.vladapter.train.RunRecord}; gradient accumulation and data-parallel steps over model
 * replicas on several devices ({@link org.vladapter.train.Trainer.Builder#replicas}).
 *
 * <p>The trainer is written against three small interfaces so any model plugs in:
 * {@link org.vladapter.train.TrainableModel} (parameters + a scalar loss for a batch),
 * {@link org.vladapter.train.EpochPlan} (the ordered (task, batch) stream of one epoch) and
 * {@link org.vladapter.train.Evaluator} (per-task scores after an epoch and at the end).
 */
package org.vladapter.train;
