package org.vladapter.reproduce;

import org.vladapter.hub.CachedModels;
import org.vladapter.hub.HubCache;
import org.vladapter.shapes.ShapesWorld;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark's data release and its named backbones live: the one place the {@code reproduce} job
 * resolves {@code --backbone shapes-bart|shapes-t5} and the default data folder (ShapesWorld, generated on
 * first use into {@code datasets/shapesworld}).
 */
final class BenchmarkAssets {

    private BenchmarkAssets() {}

    /**
     * @param benchmark the benchmark
     * @param data a folder given by the user, or {@code null} for the benchmark's own (generated when missing)
     * @return the release folder
     * @throws IllegalArgumentException naming the folder when a given folder does not exist
     */
    static Path dataRoot(Benchmark benchmark, Path data) {
        if (data == null && benchmark.isPaperScale()) {
            throw new IllegalArgumentException(benchmark.cliName() + " needs --data DIR: the VL-Adapter release (download it with"
                    + " 'vladapter download datasets/ylsung/VL-Adapter-datasets' and pass the printed folder)");
        }
        if (data == null) {
            return ShapesWorld.open().root();
        }
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("no " + benchmark.cliName() + " data folder at " + data.toAbsolutePath());
        }
        return data;
    }

    /**
     * @param name {@code shapes-bart}, {@code shapes-t5} or an HF checkpoint folder with {@code tokenizer.json}
     * @return the checkpoint folder
     * @throws IllegalArgumentException naming the folder when it does not exist or has no tokenizer
     */
    static Path backbone(String name) {
        Path folder = switch (name) {
            case "shapes-bart" -> ShapesWorld.bartFolder();
            case "shapes-t5" -> ShapesWorld.t5Folder();
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

    /**
     * @param featureType a CLIP feature folder suffix
     * @return the feature width of a type outside the release's (ShapesWorld's mini-CLIP), or 0 for the
     *     release's own types (their width is known to the layout)
     */
    static int featureDims(String featureType) {
        return featureType.equals(ShapesWorld.FEATURE_TYPE) ? ShapesWorld.FEATURE_DIM : 0;
    }
}
