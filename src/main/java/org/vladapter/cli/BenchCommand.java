package org.vladapter.cli;

import org.vladapter.bench.BackboneBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code vladapter bench}: the benchmarks reported in BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs benchmarks and prints medians and ratios (see BENCHMARKS.md).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "backbone", description = "which benchmark: ${COMPLETION-CANDIDATES}")
    Suite suite;

    @Option(names = "--preset", defaultValue = "bart-base", description = "backbone preset")
    String preset;

    @Option(names = "--batch", defaultValue = "32", description = "batch size")
    int batch;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs (median reported)")
    int runs;

    /** Benchmark suites. */
    enum Suite {
        /** bart-base/t5-base training step and peak memory; greedy generation with and without the KV cache. */
        backbone,
        /** Collated VQA batches of 500 from per-image .h5 files on disk. */
        data,
        /** COCO caption metrics (PTB, BLEU, ROUGE-L, CIDEr-D) for 5k, 10k, 25k candidates with 5 references. */
        metrics
    }

    @Override
    public Integer call() throws Exception {
        switch (suite) {
            case backbone:
                BackboneBench.run(preset, batch, 20, 36, 10, 20, runs, System.out);
                return 0;
            case data:
                org.vladapter.tasks.DataLoadingBench.main(new String[] {"runs=" + runs});
                return 0;
            case metrics:
                org.vladapter.metrics.CaptionMetricsBench.main(new String[0]);
                return 0;
            default:
                throw new IllegalArgumentException("unknown suite " + suite);
        }
    }
}
