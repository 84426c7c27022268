package org.vladapter.vision.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.object.datatype.FloatingPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.vision.features.Hdf5FeatureWriter.Precision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class FeatureStoreTest {

    @TempDir
    Path dir;

    @Test
    void perImageDirectoryReadsFloat32() {
        float[][] x = NpyWriter.matrix(49, 16, 1);
        Hdf5FeatureWriter.writeImage(dir.resolve("COCO_val2014_000000000042.h5"), "COCO_val2014_000000000042", x, Precision.FLOAT32);
        Hdf5DirectoryStore store = new Hdf5DirectoryStore(dir, new FeatureShape(49, 16));
        assertThat(store.contains("COCO_val2014_000000000042")).isTrue();
        assertThat(store.contains("other")).isFalse();
        assertThat(store.features("COCO_val2014_000000000042")).isDeepEqualTo(x);
    }

    @Test
    void perImageDirectoryReadsFloat16AsInTheRelease() throws Exception {
        float[][] x = NpyWriter.matrix(49, 8, 2);
        x[0][0] = 1f / 3;  // not a half: stored rounded to nearest even
        Path file = dir.resolve("2375429.h5");
        Hdf5FeatureWriter.writeImage(file, "2375429", x, Precision.FLOAT16);
        try (HdfFile hdf = new HdfFile(file)) {
            FloatingPoint type = (FloatingPoint) hdf.getDatasetByPath("2375429/features").getDataType();
            assertThat(type.getBitPrecision()).isEqualTo((short) 16);
            assertThat(hdf.getDatasetByPath("2375429/features").getSizeInBytes()).isEqualTo(49 * 8 * 2);
        }
        float[][] read = new Hdf5DirectoryStore(dir, new FeatureShape(49, 8)).features("2375429");
        assertThat(read[0][0]).isEqualTo(0.333251953125f);
        assertThat(read[48]).containsExactly(x[48]);
    }

    @Test
    void missingIdNamesTheIdAndDirectory() {
        Hdf5DirectoryStore store = new Hdf5DirectoryStore(dir, FeatureShape.CLIP_RN101_GRID);
        assertThatThrownBy(() -> store.features("COCO_train2014_000000000009"))
                .isInstanceOf(FeatureStoreException.class)
                .hasMessageContaining("'COCO_train2014_000000000009'")
                .hasMessageContaining("COCO_train2014_000000000009.h5")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void wrongShapeNamesExpectedFoundAndFile() {
        Hdf5FeatureWriter.writeImage(dir.resolve("img.h5"), "img", NpyWriter.matrix(36, 2048, 3), Precision.FLOAT32);
        Hdf5DirectoryStore store = new Hdf5DirectoryStore(dir, FeatureShape.CLIP_RN101_GRID);
        assertThatThrownBy(() -> store.features("img"))
                .isInstanceOf(FeatureStoreException.class)
                .hasMessageContaining("[36, 2048]")
                .hasMessageContaining("expected [49, 2048]")
                .hasMessageContaining("img.h5");
    }

    @Test
    void fileWithoutTheDatasetIsReported() throws Exception {
        try (WritableHdfFile out = HdfFile.write(dir.resolve("img.h5"))) {
            out.putGroup("img").putDataset("boxes", new float[][] {{0, 0, 1, 1}});
        }
        assertThatThrownBy(() -> new Hdf5DirectoryStore(dir, FeatureShape.UNCHECKED).features("img"))
                .hasMessageContaining("img/features").hasMessageContaining("img.h5");
        Files.writeString(dir.resolve("junk.h5"), "not hdf5");
        assertThatThrownBy(() -> new Hdf5DirectoryStore(dir, FeatureShape.UNCHECKED).features("junk"))
                .isInstanceOf(FeatureStoreException.class).hasMessageContaining("junk.h5");
    }

    @Test
    void multiImageFileSupportsGroupAndFlatLayouts() throws Exception {
        float[][] a = NpyWriter.matrix(4, 3, 4);
        float[][] b = NpyWriter.matrix(4, 3, 5);
        Path file = dir.resolve("all.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putGroup("a").putDataset("features", a);
            out.putDataset("b", b);
        }
        try (Hdf5FileStore store = new Hdf5FileStore(file, new FeatureShape(4, 3))) {
            assertThat(store.features("a")).isDeepEqualTo(a);
            assertThat(store.features("b")).isDeepEqualTo(b);
            assertThat(store.contains("c")).isFalse();
            assertThatThrownBy(() -> store.features("c"))
                    .hasMessageContaining("'c'").hasMessageContaining("all.h5");
        }
        Map<String, float[][]> many = new LinkedHashMap<>();
        many.put("x", a);
        many.put("y", b);
        Hdf5FeatureWriter.writeMany(dir.resolve("half.h5"), many, Precision.FLOAT16);
        try (Hdf5FileStore store = new Hdf5FileStore(dir.resolve("half.h5"), new FeatureShape(4, 3))) {
            assertThat(store.features("y")).isDeepEqualTo(b);
        }
        assertThatThrownBy(() -> new Hdf5FileStore(dir.resolve("none.h5"), FeatureShape.UNCHECKED))
                .hasMessageContaining("none.h5");
    }

    @Test
    void shapeChecksReadHeadersOnly() throws Exception {
        Hdf5FeatureWriter.writeImage(dir.resolve("a.h5"), "a", NpyWriter.matrix(36, 16, 1), Precision.FLOAT16);
        Hdf5DirectoryStore images = new Hdf5DirectoryStore(dir, new FeatureShape(49, 16));
        assertThatThrownBy(() -> images.checkShape("a")).isInstanceOf(FeatureStoreException.class)
                .hasMessageContaining("'a'").hasMessageContaining("a.h5")
                .hasMessageContaining("[36, 16]").hasMessageContaining("expected [49, 16]");
        Hdf5FeatureWriter.writeImage(dir.resolve("b.h5"), "b", NpyWriter.matrix(49, 16, 1), Precision.FLOAT16);
        images.checkShape("b");

        Path videos = Files.createDirectories(dir.resolve("v"));
        NpyWriter.npz(videos.resolve("clip.npz"), NpyWriter.matrix(7, 768, 2), "<f4");
        NpyWriter.npz(videos.resolve("ok.npz"), NpyWriter.matrix(5, 512, 2), "<f2");
        NpzDirectoryStore store = new NpzDirectoryStore(videos, FeatureShape.CLIP_VIT_FRAMES);
        assertThat(Npy.npzShape(videos.resolve("clip.npz"), NpzDirectoryStore.ARRAY)).containsExactly(7, 768);
        assertThatThrownBy(() -> store.checkShape("clip")).hasMessageContaining("clip.npz")
                .hasMessageContaining("[7, 768]").hasMessageContaining("expected [*, 512]");
        store.checkShape("ok");
        // only the header is read: an entry whose data is cut short still reports its shape
        byte[] npy = NpyWriter.npy(NpyWriter.matrix(9, 512, 4), "<f4");
        Path cut = videos.resolve("cut.npz");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(cut))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("features.npy"));
            zip.write(npy, 0, 200);
            zip.closeEntry();
        }
        assertThat(Npy.npzShape(cut, NpzDirectoryStore.ARRAY)).containsExactly(9, 512);
        assertThatThrownBy(() -> store.features("cut")).hasMessageContaining("truncated");
        assertThat(FeatureStore.firstOf(List.of(images, new CachingFeatureStore(store, 4))).contains("clip")).isTrue();
        assertThatThrownBy(() -> FeatureStore.firstOf(List.of(images, new CachingFeatureStore(store, 4))).checkShape("clip"))
                .hasMessageContaining("[7, 768]");
    }

    @Test
    void npzDirectoryReadsVideoFeatures() {
        float[][] frames = NpyWriter.matrix(70, 512, 6);
        NpyWriter.npz(dir.resolve("s01e02_seg01_clip_00.npz"), frames, "<f4");
        NpyWriter.npz(dir.resolve("half.npz"), NpyWriter.matrix(3, 512, 7), "<f2");
        NpyWriter.npz(dir.resolve("narrow.npz"), NpyWriter.matrix(3, 256, 7), "<f4");
        NpzDirectoryStore store = new NpzDirectoryStore(dir, FeatureShape.CLIP_VIT_FRAMES);
        assertThat(store.features("s01e02_seg01_clip_00")).isDeepEqualTo(frames);
        assertThat(store.features("half")).isDeepEqualTo(NpyWriter.matrix(3, 512, 7));
        assertThatThrownBy(() -> store.features("narrow"))
                .hasMessageContaining("[3, 256]").hasMessageContaining("[*, 512]").hasMessageContaining("narrow.npz");
        assertThatThrownBy(() -> store.features("gone"))
                .hasMessageContaining("'gone'").hasMessageContaining(dir.toString());
    }

    @Test
    void lruCacheKeepsTheMostRecentlyUsed() {
        CountingStore inner = new CountingStore();
        CachingFeatureStore cache = new CachingFeatureStore(inner, 2);
        cache.features("a");
        cache.features("b");
        cache.features("a");      // hit, a becomes most recent
        cache.features("c");      // evicts b
        cache.features("a");      // hit
        cache.features("b");      // miss again
        assertThat(inner.reads).containsExactly("a", "b", "c", "b");
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(2);
        CachingFeatureStore off = new CachingFeatureStore(new CountingStore(), 0);
        off.features("a");
        off.features("a");
        assertThat(off.hits()).isZero();
        assertThat(off.size()).isZero();
    }

    @Test
    void cacheIsSafeUnderConcurrentReaders() throws Exception {
        CountingStore inner = new CountingStore();
        CachingFeatureStore cache = new CachingFeatureStore(inner, 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String id = "id" + (i % 16);
                        if (cache.features(id)[0][0] != id.hashCode()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8);
        assertThat(cache.hits() + cache.misses()).isEqualTo(8000);
    }

    @Test
    void firstOfReadsFromTheStoreThatHasTheId() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Hdf5FeatureWriter.writeImage(a.resolve("x.h5"), "x", NpyWriter.matrix(1, 2, 1), Precision.FLOAT32);
        Hdf5FeatureWriter.writeImage(b.resolve("y.h5"), "y", NpyWriter.matrix(1, 2, 2), Precision.FLOAT32);
        FeatureStore both = FeatureStore.firstOf(List.of(
                new Hdf5DirectoryStore(a, FeatureShape.UNCHECKED), new Hdf5DirectoryStore(b, FeatureShape.UNCHECKED)));
        assertThat(both.features("y")).isDeepEqualTo(NpyWriter.matrix(1, 2, 2));
        assertThatThrownBy(() -> both.features("z")).hasMessageContaining("'z'").hasMessageContaining(b.toString());
    }

    /** Returns [[id.hashCode()]] and records every read. */
    private static final class CountingStore implements FeatureStore {
        final List<String> reads = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public float[][] features(String id) {
            reads.add(id);
            return new float[][] {{id.hashCode()}};
        }

        @Override
        public boolean contains(String id) {
            return true;
        }

        @Override
        public String describe() {
            return "counting";
        }
    }
}
