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
        backbone
    }

    @Override
    public Integer call() {
        switch (suite) {
            case backbone:
                BackboneBench.run(preset, batch, 20, 36, 10, 20, runs, System.out);
                return 0;
            default:
                throw new IllegalArgumentException("unknown suite " + suite);
        }
    }
}
