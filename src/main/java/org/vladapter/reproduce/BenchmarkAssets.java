package org.vladapter.reproduce;

import org.vladapter.hub.CachedModels;
import org.vladapter.hub.HubCache;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark's data release and its named backbones live. The one place the {@code reproduce} job
 * resolves {@code --backbone shapes-bart|shapes-t5} and the default data folder.
 */
final class BenchmarkAssets {

    /** Default folder of the ShapesWorld release (the VL-Adapter release layout, see {@code datasets/README.md}). */
    static final Path SHAPES_DATA = Path.of("datasets", "shapesworld");

    private BenchmarkAssets() {}

    /**
     * @param benchmark the benchmark
     * @param data a folder given by the user, or {@code null} for the benchmark's own
     * @return the release folder
     * @throws IllegalArgumentException naming the folder when it does not exist
     */
    static Path dataRoot(Benchmark benchmark, Path data) {
        if (data == null && benchmark.isPaperScale()) {
            throw new IllegalArgumentException(benchmark.cliName() + " needs --data DIR: the VL-Adapter release (download it with"
                    + " 'vladapter download datasets/ylsung/VL-Adapter-datasets' and pass the printed folder)");
        }
        Path root = data != null ? data : SHAPES_DATA;
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no " + benchmark.cliName() + " data folder at " + root.toAbsolutePath()
                    + (data == null ? " (the ShapesWorld release; give another with --data DIR)" : ""));
        }
        return root;
    }

    /**
     * @param name {@code shapes-bart}, {@code shapes-t5} or an HF checkpoint folder with {@code tokenizer.json}
     * @return the checkpoint folder
     * @throws IllegalArgumentException naming the folder when it does not exist or has no tokenizer
     */
    static Path backbone(String name) {
        Path folder = switch (name) {
            case "shapes-bart" -> SHAPES_DATA.resolve("backbones").resolve("bart");
            case "shapes-t5" -> SHAPES_DATA.resolve("backbones").resolve("t5");
            default -> CachedModels.resolve(name, HubCache.fromEnvironment());
        };
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("backbone '" + name + "': no checkpoint folder at " + folder.toAbsolutePath());
        }
        if (!Files.exists(folder.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException("backbone '" + name + "': no tokenizer.json in " + folder.toAbsolutePath());
        }
        return folder;
    }
}
