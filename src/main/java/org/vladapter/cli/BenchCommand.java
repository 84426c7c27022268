package org.vladapter.cli;

import org.vladapter.bench.BackboneBench;
import org.vladapter.bench.MethodBench;
import org.vladapter.peft.MethodPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code vladapter bench}: the benchmarks reported in BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs benchmarks and prints medians and ratios (see BENCHMARKS.md).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "backbone", description = "which benchmark: ${COMPLETION-CANDIDATES}")
    Suite suite;

    @Option(names = "--preset", defaultValue = "bart-base", description = "backbone preset")
    String preset;

    @Option(names = "--batch", description = "batch size (default: backbone 32, methods 8)")
    Integer batch;

    @Option(names = "--runs", description = "measured runs, median reported (default: backbone 5, methods 3)")
    Integer runs;

    @Option(names = "--methods", description = "methods suite: comma-separated method names (default: all)")
    String methods;

    @Option(names = "--cases", defaultValue = "1000", description = "fuzz suite: cases per input class")
    int cases;

    @Option(names = "--seed", defaultValue = "12", description = "fuzz suite: seed of the mutations")
    long seed;

    @Option(names = "--shards", description = "parquet suite: a folder of release shards (part-*.parquet)")
    java.nio.file.Path shards;

    @Option(names = "--rows", defaultValue = "40", description = "parquet suite: rows read per access order")
    int rows;

    /** Benchmark suites. */
    enum Suite {
        /** bart-base/t5-base training step and peak memory; greedy generation with and without the KV cache. */
        backbone,
        /** Collated VQA batches of 500 from per-image .h5 files on disk. */
        data,
        /** COCO caption metrics (PTB, BLEU, ROUGE-L, CIDEr-D) for 5k, 10k, 25k candidates with 5 references. */
        metrics,
        /** Every PEFT method on the preset: training step time, trainable/gradient/AdamW/activation memory. */
        methods,
        /** Seeded mutations of every loader's input (docs/reliability.md): outcome counts per input class. */
        fuzz,
        /** A small (ShapesWorld-size) model's step: per-op cost, forward/backward/clip/AdamW, time against batch size. */
        steps,
        /** Row reads from Parquet feature shards (--shards DIR) in random and in shard order, without the LRU cache. */
        parquet
    }

    @Override
    public Integer call() throws Exception {
        switch (suite) {
            case backbone:
                BackboneBench.run(preset, batch == null ? 32 : batch, 20, 36, 10, 20, runs == null ? 5 : runs, System.out);
                return 0;
            case methods:
                List<MethodPreset> list = methods == null ? Arrays.asList(MethodPreset.values())
                        : Arrays.stream(methods.split(",")).map(MethodPreset::fromCliName).collect(Collectors.toList());
                MethodBench.run(preset, list, batch == null ? 8 : batch, 20, 36, 10, 1, runs == null ? 3 : runs, System.out);
                return 0;
            case data:
                org.vladapter.bench.DataLoadingBench.main(new String[] {"runs=" + (runs == null ? 5 : runs)});
                return 0;
            case metrics:
                org.vladapter.bench.CaptionMetricsBench.main(new String[0]);
                return 0;
            case fuzz:
                return org.vladapter.bench.FuzzBench.run(seed, cases, System.out);
            case steps:
                List<MethodPreset> stepMethods = methods == null ? Arrays.asList(MethodPreset.values())
                        : Arrays.stream(methods.split(",")).map(MethodPreset::fromCliName).collect(Collectors.toList());
                org.vladapter.bench.StepProfileBench.run(null, stepMethods, batch == null ? 32 : batch,
                        runs == null ? 5 : runs, System.out);
                return 0;
            case parquet:
                if (shards == null) {
                    throw new IllegalArgumentException("the parquet suite needs --shards DIR (a folder of part-*.parquet"
                            + " release shards, e.g. features/COCO/data_clip_RN101_att of the downloaded release)");
                }
                org.vladapter.bench.ParquetBench.run(shards, rows, seed, System.out);
                return 0;
            default:
                throw new IllegalArgumentException("unknown suite " + suite);
        }
    }
}
