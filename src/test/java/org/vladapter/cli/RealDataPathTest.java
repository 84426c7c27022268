package org.vladapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.backbone.FixtureTensors;
import org.vladapter.hub.FakeHubAccess;
import org.vladapter.hub.HubCache;
import org.vladapter.release.HubReleaseWriter;
import org.vladapter.tasks.ReleaseFixture;

/**
 * The full-scale path on a miniature: the backbone (the BART architecture at reduced width, with its tokenizer)
 * downloaded from a Hub-like server into the huggingface_hub cache and named by its Hub id, the data in the Hub
 * release layout (Parquet shards), and {@code vladapter train} giving the same numbers as on the classic .h5 tree.
 */
class RealDataPathTest {

    @TempDir
    Path dir;

    @Test
    void trainingOnTheHubReleaseMatchesTheH5TreeWithABackboneFromTheHubCache() throws Exception {
        Path classic = ReleaseFixture.create(dir.resolve("classic")).root();
        Path hub = dir.resolve("VL-Adapter-datasets");
        new HubReleaseWriter().rowsPerShard(2).convert(classic, hub, true);

        Path model = FixtureTensors.folder("bart-tiny");
        HubCache cache = HubCache.fromEnvironment();
        assertThat(cache.root().toString()).as("tests use the cache surefire points HF_HUB_CACHE at").contains("test-hf-cache");
        FakeHubAccess.serveAndDownload(cache, "test-org/bart-tiny", List.of(
                model.resolve("config.json"), model.resolve("generation_config.json"), model.resolve("model.safetensors"),
                Paths.get("src/test/resources/fixtures/python/bart_tokenizer.json")), List.of("config.json",
                "generation_config.json", "model.safetensors", "tokenizer.json"));

        String[] common = {"train", "--verbose", "--backbone", "test-org/bart-tiny", "--method", "multiple-lora", "--tasks", "vqa,nlvr",
            "--epochs", "1", "--batch-size", "2", "--eval-batch-size", "2", "--no-test"};
        Path runH5 = dir.resolve("run-h5");
        Path runHub = dir.resolve("run-hub");
        assertThat(Main.run(concat(common, "--data", classic.toString(), "--out", runH5.toString()))).isZero();
        assertThat(Main.run(concat(common, "--data", hub.toString(), "--out", runHub.toString()))).isZero();
        String a = Files.readString(runH5.resolve("results.csv"));
        assertThat(Files.readString(runHub.resolve("results.csv"))).isEqualTo(a);
        try (var files = Files.list(runH5)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("predictions")).toList()) {
                assertThat(Files.readString(runHub.resolve(f.getFileName()))).isEqualTo(Files.readString(f));
            }
        }
        // the same run data-parallel over two replicas (both on the CPU here): it trains and records its devices
        // (the update's equality with single-model training is DataParallelTest's; dropout masks differ here)
        Path runDp = dir.resolve("run-dp");
        assertThat(Main.run(concat(common, "--data", hub.toString(), "--out", runDp.toString(), "--devices", "cpu,cpu")))
                .isZero();
        assertThat(Files.readString(runDp.resolve("run.json"))).contains("dataParallelDevices").contains("cpu");
        assertThat(runDp.resolve("results.csv")).exists();
        assertThat(Main.run(concat(common, "--data", hub.toString(), "--out", dir.resolve("bad").toString(),
                "--devices", "tpu0,cpu"))).isNotZero();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
