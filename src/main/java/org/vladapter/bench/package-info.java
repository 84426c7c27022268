/** Benchmarks (not tests): timings with medians and ratios, printed for BENCHMARKS.md. */
package org.vladapter.bench;
