/**
 * The main job: every method of the paper's results tables trained multi-task on an embedded benchmark and
 * evaluated with the paper's metrics, with a live progress line, a results table (terminal, CSV, HTML,
 * Tablesaw) and the score-versus-parameters chart. {@link org.vladapter.reproduce.Reproduce} is the entry
 * point (the {@code vladapter reproduce} command is a thin wrapper); {@link org.vladapter.reproduce.Benchmark}
 * says which tasks, methods and splits a benchmark has, {@link org.vladapter.reproduce.BenchmarkRecipe} how the
 * paper's recipe is scaled to it, and {@link org.vladapter.reproduce.ReproduceResults} holds what came out.
 */
package org.vladapter.reproduce;
