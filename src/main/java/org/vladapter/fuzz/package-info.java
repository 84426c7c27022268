/**
 * Seeded mutation fuzzing of the loaders: for each input class (safetensors files, checkpoint folders,
 * {@code config.json}, {@code tokenizer.json}, HDF5 feature files and folders, NPY and NPZ arrays, annotation files,
 * {@code evaluate} inputs) an {@link org.vladapter.fuzz.InputClass} makes a known-good original and mutations of it
 * whose correct verdict is known (must be refused, must read as the original, or either). {@link
 * org.vladapter.fuzz.FuzzSuite} runs them in a child JVM, so a native abort is seen and reported instead of ending
 * the caller, and classifies each outcome ({@link org.vladapter.fuzz.Outcome}).
 */
package org.vladapter.fuzz;
