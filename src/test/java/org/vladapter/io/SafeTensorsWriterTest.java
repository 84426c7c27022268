package org.vladapter.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class SafeTensorsWriterTest {

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

    private static JsonObject header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThat((8 + n) % 8).as("header padded to 8 bytes").isZero();
        return JsonParser.parseString(new String(bytes, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void roundTripKeepsNamesShapesTypesValuesAndMetadata() throws IOException {
        Path file = dir.resolve("adapter.safetensors");
        try (NDManager m = manager.newSubManager()) {
            NDArray weight = m.arange(24f).reshape(2, 3, 4).div(7f);
            NDArray ids = m.create(new long[] {0, 50464, -100, Long.MIN_VALUE});
            NDArray counts = m.create(new int[] {3, -4, 5}, new Shape(3, 1));
            NDArray half = m.create(new float[] {1f, 0.5f, 65504f}).toType(DataType.FLOAT16, false);
            NDArray scalar = m.create(2.5f);
            new SafeTensorsWriter()
                    .add("z.weight", weight)
                    .add("a.ids", ids)
                    .add("m.counts", counts)
                    .add("h.half", half)
                    .add("s.scalar", scalar)
                    .add("raw.floats", new float[] {1f, 2f}, new Shape(2))
                    .add("raw.longs", new long[] {7L}, new Shape(1, 1))
                    .add("raw.ints", new int[] {9, 8}, new Shape(2))
                    .metadata("format", "pt")
                    .metadata(Map.of("method", "adapter"))
                    .write(file);

            JsonObject h = header(file);
            List<String> keys = new ArrayList<>(h.keySet());
            assertThat(keys).containsExactly("__metadata__", "a.ids", "h.half", "m.counts", "raw.floats", "raw.ints",
                    "raw.longs", "s.scalar", "z.weight");
            // every tensor starts at a multiple of its element size
            for (String k : keys.subList(1, keys.size())) {
                JsonObject t = h.getAsJsonObject(k);
                int size = SafeTensorsDType.fromName(t.get("dtype").getAsString()).byteSize();
                assertThat(t.getAsJsonArray("data_offsets").get(0).getAsLong() % size).as(k).isZero();
            }

            try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
                assertThat(f.metadata()).containsEntry("format", "pt").containsEntry("method", "adapter");
                assertThat(f.dtype("z.weight")).isEqualTo(SafeTensorsDType.F32);
                assertThat(f.shape("z.weight")).isEqualTo(new Shape(2, 3, 4));
                assertThat(f.readFloats("z.weight")).containsExactly(weight.toFloatArray());
                assertThat(f.load("z.weight", m).contentEquals(weight)).isTrue();
                assertThat(f.dtype("a.ids")).isEqualTo(SafeTensorsDType.I64);
                assertThat(f.readLongs("a.ids")).containsExactly(0, 50464, -100, Long.MIN_VALUE);
                assertThat(f.dtype("m.counts")).isEqualTo(SafeTensorsDType.I32);
                assertThat(f.shape("m.counts")).isEqualTo(new Shape(3, 1));
                assertThat(f.load("m.counts", m).toIntArray()).containsExactly(3, -4, 5);
                assertThat(f.dtype("h.half")).isEqualTo(SafeTensorsDType.F16);
                assertThat(f.readFloats("h.half")).containsExactly(1f, 0.5f, 65504f);
                assertThat(f.shape("s.scalar")).isEqualTo(new Shape());
                assertThat(f.readFloats("s.scalar")).containsExactly(2.5f);
                assertThat(f.readFloats("raw.floats")).containsExactly(1f, 2f);
                assertThat(f.readLongs("raw.longs")).containsExactly(7L);
                assertThat(f.readLongs("raw.ints")).containsExactly(9, 8);
            }
        }
    }

    @Test
    void float16OptionNarrowsFloat32Tensors() throws IOException {
        Path file = dir.resolve("half.safetensors");
        try (NDManager m = manager.newSubManager()) {
            float third = 1f / 3f;
            new SafeTensorsWriter()
                    .float16(true)
                    .add("w", m.create(new float[] {third, 1e6f, -2f, 1e-8f}))
                    .add("ids", m.create(new long[] {1, 2}))
                    .write(file);
            try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
                assertThat(f.dtype("w")).isEqualTo(SafeTensorsDType.F16);
                assertThat(f.dtype("ids")).isEqualTo(SafeTensorsDType.I64);
                assertThat(f.readFloats("w")).containsExactly(
                        HalfFloats.halfToFloat(HalfFloats.floatToHalf(third)), Float.POSITIVE_INFINITY, -2f, 0f);
            }
        }
    }

    @Test
    void noMetadataKeyWhenThereIsNoMetadata() throws IOException {
        Path file = dir.resolve("plain.safetensors");
        new SafeTensorsWriter().add("x", new float[] {1f}, new Shape(1)).write(file);
        assertThat(header(file).has("__metadata__")).isFalse();
    }

    @Test
    void rewritesTheCommittedFixtureIdentically() throws IOException {
        // HF's own writer produced these files; ours must read them and write the same tensors back
        Path source = Path.of("src/test/resources/fixtures/hf/t5-tiny/model.safetensors");
        Path copy = dir.resolve("copy.safetensors");
        try (SafeTensorsFile f = SafeTensorsFile.open(source); NDManager m = manager.newSubManager()) {
            SafeTensorsWriter w = new SafeTensorsWriter().metadata(f.metadata());
            for (Map.Entry<String, NDArray> e : f.loadAll(m).entrySet()) {
                w.add(e.getKey(), e.getValue());
            }
            w.write(copy);
        }
        assertThat(Files.readAllBytes(copy)).as("byte-identical to HF's output").isEqualTo(Files.readAllBytes(source));
    }

    @Test
    void mistakesAreRejectedWithTheTensorName() {
        SafeTensorsWriter w = new SafeTensorsWriter().add("a", new float[] {1f}, new Shape(1));
        assertThatThrownBy(() -> w.add("a", new float[] {1f}, new Shape(1)))
                .hasMessageContaining("'a' added twice");
        assertThatThrownBy(() -> w.add("b", new float[] {1f, 2f}, new Shape(3)))
                .hasMessageContaining("'b'").hasMessageContaining("(3)");
        assertThatThrownBy(() -> w.add("__metadata__", new float[] {1f}, new Shape(1)))
                .hasMessageContaining("reserved");
    }

    @Test
    void failedWriteLeavesThePreviousFile() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        new SafeTensorsWriter().add("x", new float[] {1f}, new Shape(1)).write(file);
        byte[] before = Files.readAllBytes(file);
        NDArray closed = manager.create(new float[] {1f, 2f});
        SafeTensorsWriter w = new SafeTensorsWriter().add("x", new float[] {5f}, new Shape(1)).add("y", closed);
        closed.close();
        assertThatThrownBy(() -> w.write(file)).isInstanceOf(Exception.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }
}
