/**
 * The VL-Adapter tasks: the registry {@link org.vladapter.tasks.Task} (one line per task) and each task's
 * {@link org.vladapter.tasks.TaskSpec}, built in its own file ({@code VqaSpec}, {@code GqaSpec}, ...): input
 * format and truncation, splits, batch-size share, loss reduction, {@link org.vladapter.tasks.Decoding},
 * reader, {@link org.vladapter.tasks.TaskMetric} ({@link org.vladapter.tasks.TaskMetrics}) and
 * {@link org.vladapter.tasks.SubmissionFormat} ({@link org.vladapter.tasks.Submissions}). Also the readers of
 * the original annotation formats, the release layout ({@link org.vladapter.tasks.DatasetLayout}), collation
 * and the multi-task loader.
 */
package org.vladapter.tasks;
