package org.vladapter.io.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The torch.save reader against the fixtures of tools/fixtures/make_torch_bin_fixtures.py (zip and legacy layouts,
 * every storage type, strided views) and against broken and hostile files.
 */
class TorchCheckpointFileTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/torch");

    @TempDir
    Path tmp;

    @Test
    void everyStorageTypeAndViewReadsAsTorchWouldGiveIt() throws Exception {
        JsonObject expected = JsonParser.parseString(Files.readString(DIR.resolve("dtypes.json"))).getAsJsonObject();
        try (TorchCheckpointFile f = TorchCheckpointFile.open(DIR.resolve("dtypes.bin")); NDManager m = NDManager.newBaseManager()) {
            assertThat(f.names()).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, JsonElement> e : expected.entrySet()) {
                String name = e.getKey();
                JsonObject want = e.getValue().getAsJsonObject();
                long[] shape = new long[want.getAsJsonArray("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = want.getAsJsonArray("shape").get(i).getAsLong();
                }
                try (NDArray a = f.load(name, m)) {
                    assertThat(a.getShape().getShape()).as(name).containsExactly(shape);
                    assertThat(a.getName()).isEqualTo(name);
                    int n = want.getAsJsonArray("values").size();
                    for (int i = 0; i < n; i++) {
                        JsonElement v = want.getAsJsonArray("values").get(i);
                        double got = value(a, i);
                        double exp = v.getAsDouble(); // bools are written as 0/1
                        assertThat(got).as("%s[%d]", name, i).isEqualTo(exp);
                    }
                }
            }
            // the views share one storage; the transposed one is really transposed
            assertThat(f.info("view.transposed").storage()).isEqualTo(f.info("view.full").storage());
            assertThat(f.info("view.transposed").isContiguous()).isFalse();
            assertThat(f.readFloats("view.transposed")).startsWith(0f, 6f, 12f, 18f, 24f, 1f);
            assertThat(f.readFloats("view.offset")).containsExactly(7f, 9f, 11f, 13f, 15f, 17f);
            assertThat(f.readFloats("half")).containsExactly(f.readFloats("float"));
        }
    }

    private static double value(NDArray a, int i) {
        NDArray flat = a.flatten();
        DataType t = a.getDataType();
        if (t == DataType.FLOAT32) {
            return flat.toFloatArray()[i];
        } else if (t == DataType.FLOAT64) {
            return flat.toDoubleArray()[i];
        } else if (t == DataType.INT64) {
            return flat.toLongArray()[i];
        } else if (t == DataType.INT32) {
            return flat.toIntArray()[i];
        } else if (t == DataType.INT8) {
            return flat.toByteArray()[i];
        } else if (t == DataType.UINT8) {
            return flat.toUint8Array()[i] & 0xFF;
        } else if (t == DataType.BOOLEAN) {
            return flat.toBooleanArray()[i] ? 1 : 0;
        }
        throw new AssertionError("unexpected type " + t);
    }

    @Test
    void tiedWeightsShareOneStorageAndReadEqual() throws Exception {
        try (TorchCheckpointFile f = TorchCheckpointFile.open(DIR.resolve("bart-tiny-bin/pytorch_model.bin"))) {
            StorageRef shared = f.info("model.shared.weight").storage();
            assertThat(f.info("lm_head.weight").storage()).isEqualTo(shared);
            assertThat(f.info("model.encoder.embed_tokens.weight").storage()).isEqualTo(shared);
            assertThat(f.info("model.decoder.layers.0.fc1.weight").storage()).isNotEqualTo(shared);
            assertThat(f.readFloats("lm_head.weight")).containsExactly(f.readFloats("model.shared.weight"));
        }
    }

    @Test
    void legacyLayoutReadsTheSameValuesAsSafetensors() throws Exception {
        try (TorchCheckpointFile f = TorchCheckpointFile.open(DIR.resolve("t5-tiny-legacy/pytorch_model.bin"));
                org.vladapter.io.SafeTensorsFile s = org.vladapter.io.SafeTensorsFile.open(
                        Path.of("src/test/resources/fixtures/hf/t5-tiny/model.safetensors"))) {
            for (String name : s.names()) {
                assertThat(f.readFloats(name)).as(name).containsExactly(s.readFloats(name));
            }
            assertThat(f.info("encoder.embed_tokens.weight").storage()).isEqualTo(f.info("shared.weight").storage());
        }
    }

    @Test
    void aPickleThatWouldRunCodeIsRefusedNamingFileAndOpcode() {
        Path evil = DIR.resolve("malicious.bin");
        assertThatThrownBy(() -> TorchCheckpointFile.open(evil))
                .isInstanceOf(TorchCheckpointException.class)
                .hasMessageContaining(evil.toString())
                .hasMessageContaining("archive/data.pkl")
                .hasMessageContaining("refused pickle opcode at byte")
                .hasMessageContaining("system' is not allowed");
    }

    @Test
    void opcodesOutsideAStateDictAreRefused() throws Exception {
        // protocol 2: INST 'os' 'system' — the text-protocol way to call a function
        Path inst = writeZip("inst.bin", bytes("\u0080\u0002(ios\nsystem\n."));
        assertThatThrownBy(() -> TorchCheckpointFile.open(inst)).hasMessageContaining("opcode 0x69 'i' (INST)")
                .hasMessageContaining("at byte 3");
        // REDUCE of an allowed storage class: a class is no callable here
        Path reduce = writeZip("reduce.bin", bytes("\u0080\u0002ctorch\nFloatStorage\n)R."));
        assertThatThrownBy(() -> TorchCheckpointFile.open(reduce)).hasMessageContaining("REDUCE of torch.FloatStorage");
        // a list, not a state dict
        Path list = writeZip("list.bin", bytes("\u0080\u0002]."));
        assertThatThrownBy(() -> TorchCheckpointFile.open(list)).hasMessageContaining("not a state dict");
    }

    @Test
    void aViewPastItsStorageIsCorrupt() throws Exception {
        // a FloatStorage of 2 elements viewed as 3 elements
        String pid = "(X\u0007\u0000\u0000\u0000storagectorch\nFloatStorage\nX\u0001\u0000\u0000\u00000X\u0003\u0000\u0000\u0000cpuK\u0002tQ";
        String pkl = "\u0080\u0002}(X\u0001\u0000\u0000\u0000wctorch._utils\n_rebuild_tensor_v2\n(" + pid
                + "K\u0000K\u0003\u0085K\u0001\u0085\u0089ccollections\nOrderedDict\n)RtRu.";
        Path f = writeZip("past.bin", bytes(pkl));
        assertThatThrownBy(() -> TorchCheckpointFile.open(f)).hasMessageContaining("reads past the end of storage '0'");
    }

    @Test
    void truncatedFilesFailNamingTheFile() throws Exception {
        byte[] zip = Files.readAllBytes(DIR.resolve("bart-tiny-bin/pytorch_model.bin"));
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(zip, zip.length / 2));
        assertThatThrownBy(() -> TorchCheckpointFile.open(cut)).isInstanceOf(TorchCheckpointException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated or corrupt zip");

        byte[] legacy = Files.readAllBytes(DIR.resolve("t5-tiny-legacy/pytorch_model.bin"));
        Path cutLegacy = tmp.resolve("cut-legacy.bin");
        Files.write(cutLegacy, java.util.Arrays.copyOf(legacy, legacy.length - 100));
        assertThatThrownBy(() -> TorchCheckpointFile.open(cutLegacy)).hasMessageContaining(cutLegacy.toString())
                .hasMessageContaining("truncated file");
        Path cutPickle = tmp.resolve("cut-pickle.bin");
        Files.write(cutPickle, java.util.Arrays.copyOf(legacy, 300));
        assertThatThrownBy(() -> TorchCheckpointFile.open(cutPickle)).hasMessageContaining("pickle ends early");

        Path junk = tmp.resolve("junk.bin");
        Files.writeString(junk, "not a checkpoint");
        assertThatThrownBy(() -> TorchCheckpointFile.open(junk)).hasMessageContaining("is not a torch.save file");
    }

    @Test
    void bigEndianStoragesAreRefused() {
        assertThatThrownBy(() -> TorchCheckpointFile.open(DIR.resolve("big_endian.bin")))
                .hasMessageContaining("big-endian").hasMessageContaining("archive/byteorder");
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A zip-layout file around a hand-written pickle (storage data/0 of 8 bytes). */
    private Path writeZip(String name, byte[] pickle) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(buf)) {
            z.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
            z.write(pickle);
            z.putNextEntry(new java.util.zip.ZipEntry("archive/data/0"));
            z.write(new byte[8]);
            z.putNextEntry(new java.util.zip.ZipEntry("archive/version"));
            z.write("3\n".getBytes(StandardCharsets.US_ASCII));
        }
        Path p = tmp.resolve(name);
        Files.write(p, buf.toByteArray());
        return p;
    }
}
