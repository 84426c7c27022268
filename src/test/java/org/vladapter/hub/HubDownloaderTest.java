package org.vladapter.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubDownloaderTest {

    @TempDir
    Path tmp;

    private FakeHub hub;
    private final byte[] weights = random(300_000, 1);
    private final byte[] config = "{\"model_type\": \"bart\"}".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        hub.put("facebook/bart-base", "config.json", config, false)
                .put("facebook/bart-base", "model.safetensors", weights, true)
                .put("facebook/bart-base", "onnx/decoder.onnx", random(5000, 2), true);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubDownloader downloader(String token) {
        return new HubDownloader(new HubClient(hub.endpoint(), token, 3, 1), new HubCache(tmp.resolve("hub")), false, null);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void downloadsIntoTheHuggingfaceHubCacheLayout() throws IOException {
        Path snap = downloader("tok").download(RepoId.model("facebook/bart-base"), "main", List.of(), TransferProgress.NONE);
        Path repo = tmp.resolve("hub/models--facebook--bart-base");
        assertThat(snap).isEqualTo(repo.resolve("snapshots").resolve(FakeHub.COMMIT));
        assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(FakeHub.COMMIT);
        assertThat(Files.readAllBytes(snap.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(Files.readAllBytes(snap.resolve("config.json"))).isEqualTo(config);
        assertThat(Files.isRegularFile(snap.resolve("onnx/decoder.onnx"))).isTrue();
        // blobs are named by sha256 (LFS) and git sha1 (regular files); snapshots hold relative links to them
        assertThat(repo.resolve("blobs").resolve(FakeHub.sha256(weights))).exists();
        assertThat(repo.resolve("blobs").resolve(FakeHub.gitSha1(config))).exists();
        assertThat(Files.isSymbolicLink(snap.resolve("model.safetensors"))).isTrue();
        assertThat(Files.readSymbolicLink(snap.resolve("model.safetensors")).toString())
                .isEqualTo("../../blobs/" + FakeHub.sha256(weights));
        assertThat(Files.readSymbolicLink(snap.resolve("onnx/decoder.onnx")).toString()).startsWith("../../../blobs/");
        // the token goes to the Hub, never to the CDN the LFS files redirect to
        for (int i = 0; i < hub.requests.size(); i++) {
            boolean cdn = hub.requests.get(i).startsWith("GET /cdn/");
            assertThat(hub.authorizations.get(i)).isEqualTo(cdn ? "null" : "Bearer tok");
        }
        // a second download fetches nothing again
        int before = hub.requests.size();
        downloader("tok").download(RepoId.model("facebook/bart-base"), "main", List.of(), TransferProgress.NONE);
        assertThat(hub.requests.subList(before, hub.requests.size())).allMatch(r -> r.startsWith("GET /api/"));
    }

    @Test
    void backboneFilesSkipOtherFrameworksAndFallBackToPytorchModelBin() {
        hub.put("facebook/bart-base", "tf_model.h5", random(4000, 3), true)
                .put("facebook/bart-base", "pytorch_model.bin", random(4000, 4), true)
                .put("facebook/bart-base", "tokenizer.json", config, false);
        Path snap = downloader(null).downloadBackbone(RepoId.model("facebook/bart-base"), "main", TransferProgress.NONE);
        assertThat(snap.resolve("config.json")).exists();
        assertThat(snap.resolve("tokenizer.json")).exists();
        assertThat(snap.resolve("model.safetensors")).exists();
        assertThat(snap.resolve("pytorch_model.bin")).doesNotExist();
        assertThat(snap.resolve("tf_model.h5")).doesNotExist();
        assertThat(snap.resolve("onnx/decoder.onnx")).doesNotExist();

        hub.put("old/bin-only", "config.json", config, false).put("old/bin-only", "pytorch_model.bin", random(4000, 5), true)
                .put("old/bin-only", "flax_model.msgpack", random(4000, 6), true);
        Path old = downloader(null).downloadBackbone(RepoId.model("old/bin-only"), "main", TransferProgress.NONE);
        assertThat(old.resolve("pytorch_model.bin")).exists();
        assertThat(old.resolve("flax_model.msgpack")).doesNotExist();

        hub.put("big/sharded", "config.json", config, false).put("big/sharded", "model.safetensors.index.json", config, false);
        assertThatThrownBy(() -> downloader(null).downloadBackbone(RepoId.model("big/sharded"), "main", TransferProgress.NONE))
                .hasMessageContaining("sharded");
    }

    @Test
    void includePatternsSelectFiles() {
        Path snap = downloader(null).download(RepoId.model("facebook/bart-base"), "main", List.of("*.json"), TransferProgress.NONE);
        assertThat(snap.resolve("config.json")).exists();
        assertThat(snap.resolve("model.safetensors")).doesNotExist();
        assertThatThrownBy(() -> downloader(null).download(RepoId.model("facebook/bart-base"), "main", List.of("*.bin"),
                TransferProgress.NONE)).isInstanceOf(HubException.class).hasMessageContaining("no file").hasMessageContaining("*.bin");
    }

    @Test
    void resumesAfterACutConnection() {
        hub.cutOnce("model.safetensors", 100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Path snap = downloader(null).download(RepoId.model("facebook/bart-base"), "main", List.of("*.safetensors"),
                    TransferProgress.NONE);
            assertThat(Files.readAllBytes(snap.resolve("model.safetensors"))).isEqualTo(weights);
        });
        assertThat(hub.ranges).containsExactly("model.safetensors null", "model.safetensors bytes=100000-");
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierRun() throws IOException {
        HubCache cache = new HubCache(tmp.resolve("hub"));
        RepoId repo = RepoId.model("facebook/bart-base");
        Path partial = cache.incompleteBlob(repo, FakeHub.sha256(weights));
        Files.createDirectories(partial.getParent());
        Files.write(partial, java.util.Arrays.copyOf(weights, 12345));
        Path snap = downloader(null).download(repo, "main", List.of("model.safetensors"), TransferProgress.NONE);
        assertThat(Files.readAllBytes(snap.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(hub.ranges).containsExactly("model.safetensors bytes=12345-");
        assertThat(partial).doesNotExist();
    }

    @Test
    void corruptedFileIsDetectedByItsChecksumAndNotCached() {
        hub.corrupt("model.safetensors");
        RepoId repo = RepoId.model("facebook/bart-base");
        assertThatThrownBy(() -> downloader(null).download(repo, "main", List.of(), TransferProgress.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("checksum mismatch for model.safetensors")
                .hasMessageContaining(FakeHub.sha256(weights));
        HubCache cache = new HubCache(tmp.resolve("hub"));
        assertThat(cache.blob(repo, FakeHub.sha256(weights))).doesNotExist();
        assertThat(cache.incompleteBlob(repo, FakeHub.sha256(weights))).doesNotExist();
        assertThat(cache.snapshotFolder(repo, FakeHub.COMMIT).resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void notFoundAndGatedRepositoriesFailClearly() {
        assertThatThrownBy(() -> downloader(null).download(RepoId.model("facebook/no-such"), "main", List.of(), TransferProgress.NONE))
                .isInstanceOf(HubException.class).hasMessageContaining("HTTP 404").hasMessageContaining("facebook/no-such");
        assertThatThrownBy(() -> downloader(null).download(RepoId.model("facebook/bart-base"), "v9", List.of(), TransferProgress.NONE))
                .hasMessageContaining("HTTP 404").hasMessageContaining("revision v9");
        hub.put("meta/gated", "config.json", config, false).gate("meta/gated");
        assertThatThrownBy(() -> downloader(null).download(RepoId.model("meta/gated"), "main", List.of(), TransferProgress.NONE))
                .hasMessageContaining("HTTP 401").hasMessageContaining("set HF_TOKEN");
        Path snap = downloader("good-token").download(RepoId.model("meta/gated"), "main", List.of(), TransferProgress.NONE);
        assertThat(snap.resolve("config.json")).exists();
    }

    @Test
    void offlineFailsClearlyUnlessTheCacheHasTheSnapshot() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HubCache cache = new HubCache(tmp.resolve("hub"));
        HubDownloader offline = new HubDownloader(new HubClient("http://127.0.0.1:" + closedPort, null, 2, 1), cache, false, null);
        RepoId repo = RepoId.model("facebook/bart-base");
        assertThatThrownBy(() -> offline.download(repo, "main", List.of(), TransferProgress.NONE))
                .isInstanceOf(HubClient.OfflineException.class).hasMessageContaining("cannot reach").hasMessageContaining("HF_HUB_OFFLINE");
        Path snap = downloader(null).download(repo, "main", List.of(), TransferProgress.NONE);
        assertThat(offline.download(repo, "main", List.of(), TransferProgress.NONE)).isEqualTo(snap);
        HubDownloader cacheOnly = HubDownloader.fromEnvironment(Map.of("HF_HUB_OFFLINE", "1", "HF_HUB_CACHE", cache.root().toString(),
                "HF_ENDPOINT", "http://127.0.0.1:" + closedPort), null);
        assertThat(cacheOnly.download(repo, "main", List.of(), TransferProgress.NONE)).isEqualTo(snap);
        assertThatThrownBy(() -> cacheOnly.download(RepoId.model("x/y"), "main", List.of(), TransferProgress.NONE))
                .hasMessageContaining("HF_HUB_OFFLINE").hasMessageContaining("x/y");
    }

    @Test
    void datasetRepositoriesUseTheirPrefixes() throws IOException {
        hub.put("datasets/ylsung/VL-Adapter-datasets", "manifest.json.gz", random(777, 3), true);
        RepoId repo = RepoId.parse("datasets/ylsung/VL-Adapter-datasets", RepoType.MODEL);
        assertThat(repo.type()).isEqualTo(RepoType.DATASET);
        Path snap = downloader(null).download(repo, "main", List.of(), TransferProgress.NONE);
        assertThat(snap.toString()).contains("datasets--ylsung--VL-Adapter-datasets");
        assertThat(Files.size(snap.resolve("manifest.json.gz"))).isEqualTo(777);
        assertThat(hub.requests).contains("GET /api/datasets/ylsung/VL-Adapter-datasets/revision/main");
    }

    @Test
    void cacheRootFollowsTheEnvironmentLikeHuggingfaceHub() {
        assertThat(HubCache.fromEnvironment(Map.of("HF_HUB_CACHE", "/a", "HF_HOME", "/b")).root()).isEqualTo(Path.of("/a"));
        assertThat(HubCache.fromEnvironment(Map.of("HF_HOME", "/b")).root()).isEqualTo(Path.of("/b/hub"));
        assertThat(HubCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/c")).root()).isEqualTo(Path.of("/c/huggingface/hub"));
        assertThat(HubClient.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror:9/")).endpoint()).isEqualTo("http://mirror:9");
        assertThat(RepoId.model("facebook/bart-base").cacheFolderName()).isEqualTo("models--facebook--bart-base");
        assertThat(PathGlob.of(List.of("features/COCO/*")).matches("features/COCO/data_clip_RN101_att/part-00000.parquet")).isTrue();
        assertThat(PathGlob.of(List.of("annotations/")).matches("annotations/vqa/karpathy_train.json")).isTrue();
        assertThat(PathGlob.of(List.of("*.json")).matches("model.safetensors")).isFalse();
    }

    @Test
    void cachedModelsResolveHubIdsToSnapshots() throws IOException {
        HubCache cache = new HubCache(tmp.resolve("hub"));
        assertThatThrownBy(() -> CachedModels.resolve("facebook/bart-base", cache)).isInstanceOf(HubException.class)
                .hasMessageContaining("bin/vladapter download facebook/bart-base");
        Path snap = downloader(null).download(RepoId.model("facebook/bart-base"), "main", List.of("*.json"), TransferProgress.NONE);
        assertThat(CachedModels.resolve("facebook/bart-base", cache)).isEqualTo(snap);
        assertThat(CachedModels.resolve("facebook/bart-base@" + FakeHub.COMMIT, cache)).isEqualTo(snap);
        assertThat(CachedModels.looksLikeId("t5-base")).isFalse();
        assertThat(CachedModels.looksLikeId("hub:t5-base")).isTrue();
        assertThat(CachedModels.looksLikeId("./models/x")).isFalse();
        Path local = Files.createDirectories(tmp.resolve("org/name"));
        assertThat(CachedModels.resolve(local.toString(), cache)).isEqualTo(local);
    }
}
