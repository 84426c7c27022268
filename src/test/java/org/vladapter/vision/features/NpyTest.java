package org.vladapter.vision.features;

import org.vladapter.io.HalfFloats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The NPY reader against files numpy wrote (src/test/resources/npy) and against the test writer. */
class NpyTest {

    private static Path resource(String name) {
        try {
            return Paths.get(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsNumpyFloat32AndFloat64() {
        NpyArray f4 = Npy.readNpy(resource("f4.npy"));
        assertThat(f4.dtype()).isEqualTo("<f4");
        assertThat(f4.shape()).containsExactly(2, 3);
        assertThat(f4.data()).containsExactly(-1f, -0.5f, 0f, 0.5f, 1f, 1f / 3);
        NpyArray f8 = Npy.readNpy(resource("f8.npy"));
        assertThat(f8.dtype()).isEqualTo("<f8");
        assertThat(f8.toRows()[1]).containsExactly(0.5f, 1f, (float) (1.0 / 3));
    }

    @Test
    void readsNumpyNpzStoredAndDeflatedWithFloat16() {
        assertThat(Npy.readNpz(resource("clip_f4.npz"), "features").toRows()[0]).containsExactly(-1f, -0.5f, 0f);
        NpyArray f2 = Npy.readNpz(resource("clip_f2.npz"), "features");
        assertThat(f2.dtype()).isEqualTo("<f2");
        assertThat(f2.data()).containsExactly(-1f, -0.5f, 0f, 0.5f, 1f, 0.333251953125f);
    }

    @Test
    void rejectsFortranOrderOtherDtypesAndMissingArrays() {
        assertThatThrownBy(() -> Npy.readNpy(resource("fortran.npy")))
                .isInstanceOf(FeatureStoreException.class).hasMessageContaining("Fortran").hasMessageContaining("fortran.npy");
        assertThatThrownBy(() -> Npy.readNpy(resource("int32.npy")))
                .hasMessageContaining("'<i4'").hasMessageContaining("int32.npy");
        assertThatThrownBy(() -> Npy.readNpy(resource("big_endian.npy"))).hasMessageContaining("'>f4'");
        assertThatThrownBy(() -> Npy.readNpz(resource("clip_f2.npz"), "feats"))
                .hasMessageContaining("no array 'feats'").hasMessageContaining("features.npy");
    }

    @Test
    void rejectsTruncatedDataAndBadMagic(@TempDir Path dir) {
        byte[] good = NpyWriter.npy(new float[][] {{1, 2}, {3, 4}}, "<f4");
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> Npy.read(cut, "cut.npy")).hasMessageContaining("truncated").hasMessageContaining("cut.npy");
        assertThatThrownBy(() -> Npy.read(new byte[20], "zero.npy")).hasMessageContaining("magic");
    }

    @Test
    void testWriterRoundTripsAllSupportedTypes() {
        float[][] rows = {{1.5f, -2f, 0.1f}, {7f, 8f, 1e-3f}};
        assertThat(Npy.read(NpyWriter.npy(rows, "<f4"), "x").toRows()).isDeepEqualTo(rows);
        assertThat(Npy.read(NpyWriter.npy(rows, "<f8"), "x").toRows()).isDeepEqualTo(rows);
        float[][] halves = Npy.read(NpyWriter.npy(rows, "<f2"), "x").toRows();
        assertThat(halves[0]).containsExactly(1.5f, -2f, HalfFloats.halfToFloat(HalfFloats.floatToHalf(0.1f)));
    }
}
