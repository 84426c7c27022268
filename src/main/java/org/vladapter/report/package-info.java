/**
 * Reports of results: the paper-style {@link org.vladapter.report.ResultsTable} (one row per method, a
 * column per task, the average and the % of trained parameters; CSV, HTML and plain text) and
 * {@link org.vladapter.report.Charts} (loss per task, validation per epoch, score versus % trained
 * parameters) rendered headlessly to PNG. All files are written atomically.
 */
package org.vladapter.report;
