package org.vladapter.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.ReleaseFixture;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.Hdf5DirectoryStore;
import org.vladapter.vision.features.Hdf5FeatureWriter;
import org.vladapter.vision.features.ParquetFeatureStore;

/**
 * The Hub form of the release (Parquet shards in the published schema + annotations + manifest), written from a
 * miniature .h5 release by parquet-java's writer, reads back the same numbers as the .h5 tree, and
 * {@code restore-release} rebuilds that tree.
 */
class HubReleaseTest {

    @TempDir
    static Path dir;

    static Path classic;
    /** dictionary-encoded v2 pages of 1 MB: several rows per page (parquet-java dictionary-encodes FLBA only in v2). */
    static Path hubDictionary;
    /** plain v1 pages (as pyarrow writes by default), one row group per row. */
    static Path hubPlain;

    @BeforeAll
    static void write() throws IOException {
        classic = ReleaseFixture.create(dir.resolve("classic")).root();
        // a low-entropy image first in COCO (few distinct float16 values), so that parquet-java keeps the
        // dictionary encoding pyarrow uses for the release; the fixture's random-like values make it fall back to plain
        float[][] quantized = new float[49][2048];
        for (int r = 0; r < 49; r++) {
            for (int c = 0; c < 2048; c++) {
                quantized[r][c] = ((r * 31 + c * 7) % 97 - 48) / 16f;
            }
        }
        Hdf5FeatureWriter.writeImage(classic.resolve("COCO/clip_features/data_clip_RN101_att/COCO_a_quantized.h5"), "COCO_a_quantized",
                quantized, Hdf5FeatureWriter.Precision.FLOAT16);
        hubDictionary = dir.resolve("hub-dict");
        new HubReleaseWriter().rowsPerShard(3).pages(64 << 20, 1 << 20, true, true).convert(classic, hubDictionary, true);
        hubPlain = dir.resolve("hub-plain");
        new HubReleaseWriter().rowsPerShard(2).pages(1 << 10, 32 << 10, false, false).convert(classic, hubPlain, true);
    }

    private static List<Path> h5Files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".h5")).sorted().toList();
        }
    }

    @Test
    void parquetShardsReadTheSameFloatsAsTheH5Files() throws IOException {
        int compared = 0;
        for (Path hub : List.of(hubDictionary, hubPlain)) {
            for (String folder : List.of("COCO", "VG", "GQA", "nlvr")) {
                Path h5Dir = classic.resolve(folder).resolve("clip_features/data_clip_RN101_att");
                Path shards = hub.resolve("features").resolve(folder).resolve("data_clip_RN101_att");
                try (Hdf5DirectoryStore h5 = new Hdf5DirectoryStore(h5Dir, FeatureShape.CLIP_RN101_GRID);
                        ParquetFeatureStore pq = new ParquetFeatureStore(shards, FeatureShape.CLIP_RN101_GRID, null)) {
                    List<Path> files = h5Files(h5Dir);
                    assertThat(pq.size()).isEqualTo(files.size());
                    for (Path f : files) {
                        String id = f.getFileName().toString().replace(".h5", "");
                        assertThat(pq.contains(id)).isTrue();
                        float[][] want = h5.features(id);
                        float[][] got = pq.features(id);
                        assertThat(got.length).isEqualTo(49);
                        for (int r = 0; r < 49; r++) {
                            assertThat(got[r]).as("%s row %d via %s", id, r, hub.getFileName()).containsExactly(want[r]);
                        }
                        compared++;
                    }
                    assertThat(pq.contains("no-such-image")).isFalse();
                    assertThatThrownBy(() -> pq.features("no-such-image")).hasMessageContaining("no-such-image")
                            .hasMessageContaining(shards.toString());
                }
            }
        }
        assertThat(compared).isEqualTo(22);
        try (Stream<Path> s = Files.list(hubPlain.resolve("features/COCO/data_clip_RN101_att"))) {
            assertThat(s.count()).as("COCO split into shards of 2 rows").isEqualTo(2);
        }
        // the two writers' settings give the page structures the reader must handle
        ParquetShardLayout dict = ParquetShardLayout.of(hubDictionary.resolve("features/COCO/data_clip_RN101_att/part-00000.parquet"));
        assertThat(dict.rowGroups()).isEqualTo(1);
        assertThat(dict.rows()).isEqualTo(3);
        assertThat(dict.dataPages()).as("several rows share a page").isLessThan(3);
        assertThat(dict.dictionary()).isTrue();
        ParquetShardLayout plain = ParquetShardLayout.of(hubPlain.resolve("features/COCO/data_clip_RN101_att/part-00000.parquet"));
        assertThat(plain.rowGroups()).as("one row group per row").isEqualTo(2);
        assertThat(plain.dictionary()).isFalse();
    }

    @Test
    void theIdIndexIsCachedAndRebuiltWhenStaleOrDamaged() throws IOException {
        Path shards = hubDictionary.resolve("features/COCO/data_clip_RN101_att");
        Path index = ParquetFeatureStore.indexFileFor(shards, dir.resolve("index"));
        float[][] first;
        try (ParquetFeatureStore pq = new ParquetFeatureStore(shards, FeatureShape.CLIP_RN101_GRID, index)) {
            first = pq.features("COCO_val2014_000000000042");
        }
        assertThat(index).exists();
        long built = Files.size(index);
        try (ParquetFeatureStore pq = new ParquetFeatureStore(shards, FeatureShape.CLIP_RN101_GRID, index)) {
            assertThat(pq.features("COCO_val2014_000000000042")).isDeepEqualTo(first);
        }
        Files.write(index, new byte[] {1, 2, 3});
        try (ParquetFeatureStore pq = new ParquetFeatureStore(shards, FeatureShape.CLIP_RN101_GRID, index)) {
            assertThat(pq.features("COCO_val2014_000000000042")).isDeepEqualTo(first);
        }
        assertThat(Files.size(index)).isEqualTo(built);
    }

    @Test
    void aFileThatIsNotAShardIsNamedInTheError() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("part-00000.parquet"), "not parquet at all");
        try (ParquetFeatureStore pq = new ParquetFeatureStore(bad, FeatureShape.CLIP_RN101_GRID, null)) {
            assertThatThrownBy(() -> pq.contains("x")).hasMessageContaining("part-00000.parquet").hasMessageContaining("not a Parquet file");
        }
    }

    @Test
    void datasetLayoutReadsTheHubReleaseLikeTheH5Tree() {
        try (DatasetLayout h5 = DatasetLayout.builder().root(classic).build();
                DatasetLayout hub = DatasetLayout.builder().root(hubDictionary).indexDirectory(dir.resolve("index")).build()) {
            assertThat(hub.hubRelease()).isTrue();
            assertThat(h5.hubRelease()).isFalse();
            for (Task t : List.of(Task.VQA, Task.GQA, Task.NLVR2, Task.COCO_CAPTION)) {
                TaskDataset a = h5.open(t, DatasetLayout.trainSplit(t));
                TaskDataset b = hub.open(t, DatasetLayout.trainSplit(t));
                assertThat(b.size()).isEqualTo(a.size()).isPositive();
                for (int i = 0; i < a.size(); i++) {
                    Example x = a.example(i, new java.util.Random(7));
                    Example y = b.example(i, new java.util.Random(7));
                    assertThat(y).isEqualTo(x);
                    for (String id : x.featureIds()) {
                        assertThat(b.featureStore().features(id)).isDeepEqualTo(a.featureStore().features(id));
                    }
                }
            }
        }
    }

    @Test
    void restoreReleaseRebuildsTheH5TreeAndResumes() throws IOException {
        Path out = dir.resolve("restored");
        ReleaseRestorer restorer = new ReleaseRestorer(hubPlain, dir.resolve("index"), null);
        ReleaseRestorer.Summary s = restorer.restore(out);
        ReleaseManifest manifest = ReleaseManifest.read(hubPlain.resolve(ReleaseManifest.FILE_NAME));
        assertThat(s.featuresWritten()).isEqualTo(11);
        assertThat(s.annotationsCopied() + s.featuresWritten()).isEqualTo(manifest.entries().size());
        for (ManifestEntry e : manifest.entries()) {
            Path original = classic.resolve(e.path());
            Path restored = out.resolve(e.path());
            if (e.isFeatureFile()) {
                try (Hdf5DirectoryStore a = new Hdf5DirectoryStore(original.getParent(), FeatureShape.CLIP_RN101_GRID);
                        Hdf5DirectoryStore b = new Hdf5DirectoryStore(restored.getParent(), FeatureShape.CLIP_RN101_GRID)) {
                    assertThat(b.features(e.imageId())).isDeepEqualTo(a.features(e.imageId()));
                }
            } else {
                assertThat(Files.readAllBytes(restored)).isEqualTo(Files.readAllBytes(original));
            }
        }
        // an interrupted restore continues: only what is missing is written
        Files.delete(out.resolve(manifest.entries().stream().filter(ManifestEntry::isFeatureFile).findFirst().orElseThrow().path()));
        Files.writeString(out.resolve("vqa/karpathy_val.json"), "truncated");
        ReleaseRestorer.Summary again = restorer.restore(out);
        assertThat(again.featuresWritten()).isEqualTo(1);
        assertThat(again.annotationsCopied()).isEqualTo(1);
        assertThat(again.skipped()).isEqualTo(manifest.entries().size() - 2);
        assertThat(Files.readAllBytes(out.resolve("vqa/karpathy_val.json"))).isEqualTo(Files.readAllBytes(classic.resolve("vqa/karpathy_val.json")));
    }

    @Test
    void restoreReleaseRefusesADamagedAnnotation() throws IOException {
        Path hub = dir.resolve("hub-damaged");
        try (Stream<Path> files = Files.walk(hubPlain)) {
            for (Path f : files.toList()) {
                Path t = hub.resolve(hubPlain.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        Files.writeString(hub.resolve("annotations/GQA/testdev.json"), "[]");
        assertThatThrownBy(() -> new ReleaseRestorer(hub, dir.resolve("index"), null).restore(dir.resolve("restored-damaged")))
                .hasMessageContaining("GQA/testdev.json").hasMessageContaining("does not match the manifest");
    }
}
