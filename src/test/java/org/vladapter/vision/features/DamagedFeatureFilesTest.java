package org.vladapter.vision.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Regression tests from the fuzz campaign's feature inputs: truncated HDF5 files (jhdf returned a full matrix of
 * partly repeated bytes; h5py refuses them), NaN in features, NPZ bit flips the CRC catches, NPY headers the regular
 * expressions misread.
 */
class DamagedFeatureFilesTest {

    @TempDir
    Path dir;

    private static final FeatureShape SHAPE = new FeatureShape(7, 6);

    private static float[][] rows() {
        float[][] r = new float[7][6];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 6; j++) {
                r[i][j] = i - j * 0.5f;
            }
        }
        return r;
    }

    @Test
    void truncatedHdf5IsRefusedWhereverItIsCut() throws IOException {
        Path good = dir.resolve("good");
        Files.createDirectories(good);
        Hdf5FeatureWriter.writeImage(good.resolve("img.h5"), "img", rows(), Hdf5FeatureWriter.Precision.FLOAT16);
        byte[] bytes = Files.readAllBytes(good.resolve("img.h5"));
        assertThat(new Hdf5DirectoryStore(good, SHAPE).features("img")).isDeepEqualTo(rows());
        for (int cut : new int[] {bytes.length - 1, bytes.length - 40, bytes.length / 2, 200, 100}) {
            Path d = Files.createDirectories(dir.resolve("cut" + cut));
            Files.write(d.resolve("img.h5"), Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> new Hdf5DirectoryStore(d, SHAPE).features("img")).as("cut at " + cut)
                    .isInstanceOf(FeatureStoreException.class).hasMessageContaining("img.h5");
            assertThatThrownBy(() -> {
                Hdf5FileStore s = new Hdf5FileStore(d.resolve("img.h5"), SHAPE);
                s.features("img");
            }).as("cut at " + cut).isInstanceOf(FeatureStoreException.class).hasMessageContaining("img.h5");
        }
        Path d = Files.createDirectories(dir.resolve("last"));
        Files.write(d.resolve("img.h5"), Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> new Hdf5DirectoryStore(d, SHAPE).features("img"))
                .hasMessageContaining("truncated HDF5 file").hasMessageContaining("superblock");
    }

    @Test
    void nonFiniteFeaturesNameTheIdAndFile() {
        float[][] r = rows();
        r[2][3] = Float.NaN;
        Hdf5FeatureWriter.writeImage(dir.resolve("nan.h5"), "nan", r, Hdf5FeatureWriter.Precision.FLOAT32);
        assertThatThrownBy(() -> new Hdf5DirectoryStore(dir, SHAPE).features("nan")).hasMessageContaining("'nan'")
                .hasMessageContaining("nan.h5").hasMessageContaining("[2, 3]").hasMessageContaining("finite");
        NpyWriter.npz(dir.resolve("clip.npz"), r, "<f2");
        assertThatThrownBy(() -> new NpzDirectoryStore(dir, new FeatureShape(FeatureShape.ANY, 6)).features("clip"))
                .hasMessageContaining("clip.npz").hasMessageContaining("finite");
    }

    @Test
    void everySingleBitFlipOfAStoredNpzIsRefusedOrReadsTheSameValues() throws IOException {
        NpyWriter.npz(dir.resolve("a.npz"), rows(), "<f4");
        byte[] good = Files.readAllBytes(dir.resolve("a.npz"));
        float[][] expected = Npy.readNpz(dir.resolve("a.npz"), "features").toRows();
        int refused = 0;
        Path f = dir.resolve("flip.npz");
        for (int p = 0; p < good.length; p++) {
            byte[] b = good.clone();
            b[p] ^= 1 << (p % 8);
            Files.write(f, b);
            try {
                assertThat(Npy.readNpz(f, "features").toRows()).as("flip at " + p).isDeepEqualTo(expected);
            } catch (FeatureStoreException e) {
                assertThat(e.getMessage()).contains("flip.npz");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(good.length / 2);
    }

    private static byte[] npy(String dict, int floats) {
        String header = dict + " ".repeat(Math.max(0, 117 - dict.length())) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < floats; i++) {
            b.putFloat(i);
        }
        return b.array();
    }

    @Test
    void npyHeaderIsParsedAsADict() {
        assertThat(Npy.read(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 6), "ok.npy").shape())
                .containsExactly(2, 3);
        assertThat(Npy.read(npy("{\"shape\":(6,),\"descr\":\"<f4\",\"fortran_order\":False}", 6), "ok.npy").shape())
                .containsExactly(6);
        String[][] bad = {
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'shape': (3, 2), }", "appears twice"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (-2, -3), }", "non-negative"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4), }", "overflows"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (6), }", "trailing comma"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", "unexpected bytes"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (20000, 20000), }", "truncated"},
            {"{'descr': '<f4', 'fortran_order': False, 'x': \"'shape': (2, 3)\", 'shape': (6,), }", "unexpected keys"},
        };
        for (String[] c : bad) {
            assertThatThrownBy(() -> Npy.read(npy(c[0], 6), "bad.npy")).as(c[0])
                    .isInstanceOf(FeatureStoreException.class).hasMessageContaining("bad.npy").hasMessageContaining(c[1]);
        }
    }
}
