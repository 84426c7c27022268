package org.vladapter.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

class SafeTensorsFileTest {

    private static NDManager manager;

    @TempDir Path dir;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private Path allTypes() throws IOException {
        byte[] data = RawSafeTensors.le(8 * 2 + 4 * 2 + 2 * 2 + 2 * 2 + 8 * 3 + 4 * 3 + 2 * 2 + 1 * 2 + 1 * 2 + 1 * 2 + 4, b -> {
            b.putDouble(1.5).putDouble(-2.25);                 // F64 [2]        0..16
            b.putFloat(3.5f).putFloat(-0f);                    // F32 [2]        16..24
            b.putShort((short) 0x3C00).putShort((short) 0x0001); // F16 [2]    24..28
            b.putShort((short) 0x3F80).putShort((short) 0xFF80); // BF16 [2]   28..32
            b.putLong(Long.MAX_VALUE).putLong(-1).putLong(50464); // I64 [3]   32..56
            b.putInt(7).putInt(-8).putInt(Integer.MIN_VALUE);  // I32 [3]        56..68
            b.putShort((short) -3).putShort((short) 300);      // I16 [2]        68..72
            b.put((byte) -5).put((byte) 6);                    // I8 [2]         72..74
            b.put((byte) 200).put((byte) 1);                   // U8 [2]         74..76
            b.put((byte) 1).put((byte) 0);                     // BOOL [2]       76..78
            b.putFloat(42f);                                   // F32 scalar     78..82
        });
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"note\":\"é\"},"
                + "\"f64\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"f32\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[16,24]},"
                + "\"f16\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[24,28]},"
                + "\"bf16\":{\"dtype\":\"BF16\",\"shape\":[2,1],\"data_offsets\":[28,32]},"
                + "\"i64\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[32,56]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[3],\"data_offsets\":[56,68]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[68,72]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[72,74]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[74,76]},"
                + "\"bool\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[76,78]},"
                + "\"scalar\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[78,82]},"
                + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0,4],\"data_offsets\":[82,82]}}  ";
        return RawSafeTensors.write(dir.resolve("all.safetensors"), header, data);
    }

    @Test
    void readsEveryDtype() throws IOException {
        try (SafeTensorsFile f = SafeTensorsFile.open(allTypes())) {
            assertThat(f.names()).containsExactly("bf16", "bool", "empty", "f16", "f32", "f64", "i16", "i32", "i64",
                    "i8", "scalar", "u8");
            assertThat(f.metadata()).containsEntry("format", "pt").containsEntry("note", "é");
            assertThat(f.dtype("bf16")).isEqualTo(SafeTensorsDType.BF16);
            assertThat(f.shape("bf16")).isEqualTo(new Shape(2, 1));

            assertThat(f.readFloats("f64")).containsExactly(1.5f, -2.25f);
            assertThat(f.readFloats("f32")).containsExactly(3.5f, -0f);
            assertThat(f.readFloats("f16")).containsExactly(1f, (float) Math.pow(2, -24));
            assertThat(f.readFloats("bf16")).containsExactly(1f, Float.NEGATIVE_INFINITY);
            assertThat(f.readLongs("i64")).containsExactly(Long.MAX_VALUE, -1, 50464);
            assertThat(f.readLongs("i32")).containsExactly(7, -8, Integer.MIN_VALUE);
            assertThat(f.readLongs("i16")).containsExactly(-3, 300);
            assertThat(f.readLongs("i8")).containsExactly(-5, 6);
            assertThat(f.readLongs("u8")).containsExactly(200, 1);
            assertThat(f.readLongs("bool")).containsExactly(1, 0);

            try (NDManager m = manager.newSubManager()) {
                NDArray f16 = f.load("f16", m);
                assertThat(f16.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(f16.getName()).isEqualTo("f16");
                assertThat(f16.toFloatArray()).containsExactly(1f, (float) Math.pow(2, -24));
                NDArray bf16 = f.load("bf16", m);
                assertThat(bf16.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(bf16.getShape()).isEqualTo(new Shape(2, 1));
                assertThat(bf16.toFloatArray()).containsExactly(1f, Float.NEGATIVE_INFINITY);
                assertThat(f.load("f32", m).toFloatArray()).containsExactly(3.5f, -0f);
                assertThat(f.load("f64", m).toDoubleArray()).containsExactly(1.5, -2.25);
                NDArray i64 = f.load("i64", m);
                assertThat(i64.getDataType()).isEqualTo(DataType.INT64);
                assertThat(i64.toLongArray()).containsExactly(Long.MAX_VALUE, -1, 50464);
                NDArray i32 = f.load("i32", m);
                assertThat(i32.getDataType()).isEqualTo(DataType.INT32);
                assertThat(i32.toIntArray()).containsExactly(7, -8, Integer.MIN_VALUE);
                assertThat(f.load("i8", m).toByteArray()).containsExactly(-5, 6);
                assertThat(f.load("u8", m).toUint8Array()).containsExactly(200, 1);
                assertThat(f.load("bool", m).toBooleanArray()).containsExactly(true, false);
                NDArray scalar = f.load("scalar", m);
                assertThat(scalar.getShape()).isEqualTo(new Shape());
                assertThat(scalar.getFloat()).isEqualTo(42f);
                assertThat(f.load("empty", m).getShape()).isEqualTo(new Shape(0, 4));
                // the loaded array owns its memory: in-place updates work and do not touch the file
                NDArray w = f.load("f32", m);
                w.addi(1f);
                assertThat(f.readFloats("f32")).containsExactly(3.5f, -0f);
            }
        }
    }

    @Test
    void wrongReaderForTheDtypeSaysSo() throws IOException {
        try (SafeTensorsFile f = SafeTensorsFile.open(allTypes())) {
            assertThatThrownBy(() -> f.readFloats("i64")).isInstanceOf(SafeTensorsException.class)
                    .hasMessageContaining("'i64'").hasMessageContaining("I64").hasMessageContaining("readFloats");
            assertThatThrownBy(() -> f.readLongs("f32")).isInstanceOf(SafeTensorsException.class)
                    .hasMessageContaining("'f32'");
        }
    }

    @Test
    void missingTensorNamesTensorFileAndClosestNames() throws IOException {
        Path file = allTypes();
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertThatThrownBy(() -> f.load("f33", manager))
                    .isInstanceOf(SafeTensorsException.class)
                    .hasMessageContaining("no tensor 'f33'")
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("12 tensors")
                    .hasMessageContaining("'f32'");
            assertThat(f.contains("f32")).isTrue();
            assertThat(f.contains("f33")).isFalse();
        }
    }

    @Test
    void shapeMismatchMessage() throws IOException {
        Path file = allTypes();
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            f.checkShape("bf16", new Shape(2, 1));
            assertThatThrownBy(() -> f.load("bf16", manager, new Shape(1, 2)))
                    .isInstanceOf(ShapeMismatchException.class)
                    .hasMessage("tensor 'bf16' in " + file + ": expected shape (1, 2), found (2, 1)");
        }
    }

    @Test
    void unloadableDtypeIsListedButRefusedOnLoad() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("u16.safetensors"),
                "{\"x\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]);
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertThat(f.dtype("x")).isEqualTo(SafeTensorsDType.U16);
            assertThatThrownBy(() -> f.load("x", manager)).isInstanceOf(SafeTensorsException.class)
                    .hasMessageContaining("'x'").hasMessageContaining("U16").hasMessageContaining("cannot be loaded");
        }
    }

    private void assertCorrupt(Path file, String... parts) {
        assertThatThrownBy(() -> SafeTensorsFile.open(file).close())
                .isInstanceOf(SafeTensorsException.class)
                .hasMessageStartingWith("corrupt safetensors header in " + file + ": ")
                .satisfies(e -> Arrays.stream(parts).forEach(p -> assertThat(e.getMessage()).contains(p)));
    }

    @Test
    void truncatedAndOversizedHeaders() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertCorrupt(tiny, "3 bytes");

        byte[] header = "{}".getBytes();
        Path big = RawSafeTensors.write(dir.resolve("big.safetensors"), 9_999_999, header, new byte[0]);
        assertCorrupt(big, "header length 9999999 exceeds file size 10");

        Path negative = RawSafeTensors.write(dir.resolve("neg.safetensors"), -1, header, new byte[0]);
        assertCorrupt(negative, "exceeds file size");

        // a valid file cut short: the last tensor's bytes are missing
        Path cut = RawSafeTensors.write(dir.resolve("cut.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[10]);
        assertCorrupt(cut, "'a'", "[0, 16]", "10 bytes");
    }

    @Test
    void invalidJson() throws IOException {
        assertCorrupt(RawSafeTensors.write(dir.resolve("j1.safetensors"), "{\"a\":{\"dtype\":", new byte[0]),
                "invalid JSON");
        assertCorrupt(RawSafeTensors.write(dir.resolve("j2.safetensors"), "[1, 2]", new byte[0]), "not an object");
        assertCorrupt(RawSafeTensors.write(dir.resolve("j3.safetensors"), "{a: 1}", new byte[0]), "invalid JSON");
        assertCorrupt(RawSafeTensors.write(dir.resolve("j4.safetensors"), "{} x", new byte[0]), "after the header");
        assertCorrupt(RawSafeTensors.write(dir.resolve("j5.safetensors"), 3, new byte[] {'{', (byte) 0xC3, '}'},
                new byte[0]), "UTF-8");
        assertCorrupt(RawSafeTensors.write(dir.resolve("j6.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                "'a' appears twice");
    }

    @Test
    void invalidEntries() throws IOException {
        String[][] cases = {
            {"{\"w\":{\"dtype\":\"F31\",\"shape\":[1],\"data_offsets\":[0,4]}}", "unknown dtype 'F31'"},
            {"{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "'w' has no string 'dtype'"},
            {"{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "'w' has no array 'shape'"},
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "non-negative integer"},
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "non-negative integer"},
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "must have 2 entries"},
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "shape (2) of F32 needs 8 bytes"},
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", "outside the data section"},
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", "outside the data section of 8"},
            {"{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", "overflows"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "'a' [0, 8] and 'b' [4, 8] overlap"},
            {"{\"__metadata__\":{\"k\":1}}", "value for key 'k' must be a string"},
            {"{\"__metadata__\":[1]}", "must be an object of strings"},
            {"{\"w\":[1]}", "'w' entry must be an object"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path file = RawSafeTensors.write(dir.resolve("e" + i++ + ".safetensors"), c[0], new byte[8]);
            assertCorrupt(file, c[1]);
        }
    }

    @Test
    void readsTensorsBeyondTwoGibibytes() throws IOException {
        // a sparse file: 2 GiB + 16 bytes of (unwritten) U8 padding, then two floats
        long pad = (1L << 31) + 16;
        String header = "{\"pad\":{\"dtype\":\"U8\",\"shape\":[" + pad + "],\"data_offsets\":[0," + pad + "]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + pad + "," + (pad + 8) + "]}}";
        Path file = RawSafeTensors.write(dir.resolve("big.safetensors"), header, new byte[0]);
        long dataStart = Files.size(file);
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(RawSafeTensors.le(8, b -> b.putFloat(1.25f).putFloat(-7f))),
                    dataStart + pad);
        }
        try (SafeTensorsFile f = SafeTensorsFile.open(file); NDManager m = manager.newSubManager()) {
            assertThat(f.readFloats("w")).containsExactly(1.25f, -7f);
            assertThat(f.load("w", m).toFloatArray()).containsExactly(1.25f, -7f);
            assertThatThrownBy(() -> f.readLongs("pad")).hasMessageContaining("too many for a Java array");
        }
    }

    @Test
    void readsTheCommittedHuggingFaceFixtures() throws IOException {
        Path root = Path.of("src/test/resources/fixtures");
        for (String model : new String[] {"bart-tiny", "t5-tiny"}) {
            try (SafeTensorsFile f = SafeTensorsFile.open(root.resolve("hf/" + model + "/model.safetensors"));
                    NDManager m = manager.newSubManager()) {
                assertThat(f.names()).isNotEmpty();
                for (String name : f.names()) {
                    NDArray a = f.load(name, m);
                    assertThat(a.getShape()).isEqualTo(f.shape(name));
                }
                assertThat(f.shape(model.startsWith("bart") ? "model.shared.weight" : "shared.weight"))
                        .isEqualTo(new Shape(128, 32));
            }
            try (SafeTensorsFile io = SafeTensorsFile.open(root.resolve("hf/" + model + "/io.safetensors"))) {
                assertThat(io.dtype("input_ids")).isEqualTo(SafeTensorsDType.I64);
                assertThat(io.shape("input_ids")).isEqualTo(new Shape(3, 9));
                long[] ids = io.readLongs("input_ids");
                assertThat(ids[8]).isEqualTo(model.startsWith("bart") ? 2 : 1); // row 0 ends in eos
                assertThat(io.readFloats("loss")).hasSize(1);
            }
        }
        try (var peft = Files.list(root.resolve("peft"))) {
            for (Path p : peft.filter(x -> x.toString().endsWith(".safetensors")).toList()) {
                try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
                    for (String name : f.names()) {
                        if (f.dtype(name).loadedAs() == DataType.FLOAT32) {
                            assertThat(f.readFloats(name)).hasSize((int) f.shape(name).size());
                        }
                    }
                }
            }
        }
    }
}
