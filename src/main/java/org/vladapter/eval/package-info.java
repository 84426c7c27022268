/**
 * Evaluation of a {@link org.vladapter.model.VlModel} on a task's split: predictions decoded as the
 * original ran them ({@link org.vladapter.eval.TaskDecoding}), scored with the task's metric
 * ({@link org.vladapter.eval.TaskEvaluation}), and written as prediction, score and official submission files
 * ({@link org.vladapter.eval.PredictionFiles}).
 */
package org.vladapter.eval;
