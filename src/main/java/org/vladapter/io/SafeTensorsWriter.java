package org.vladapter.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects named tensors and string metadata and writes them as one {@code .safetensors} file, atomically
 * (through {@link AtomicFiles}).
 *
 * <p>The layout follows HuggingFace's writer, so the {@code safetensors} library and {@link SafeTensorsFile} read it:
 * data is ordered by element size (largest first) and then by name, which keeps every tensor aligned to its element
 * size; the header lists {@code __metadata__} (only if there is any) and then the tensors sorted by name, and is
 * padded with spaces to a multiple of 8 bytes. Stored types: F32, F64, F16, I64, I32, I16, I8, U8, BOOL, each as
 * the NDArray's own type; with {@link #float16(boolean)} float32 tensors are stored as F16 (rounded to
 * nearest even). BF16 is never written.
 *
 * <p>Arrays are read when {@link #write(Path)} runs, one at a time, straight from their native memory; keep them open
 * until then.
 *
 * <pre>{@code
 * new SafeTensorsWriter()
 *         .add("encoder.layers.0.fc1.weight", weight)
 *         .metadata("format", "pt")
 *         .write(dir.resolve("adapter.safetensors"));
 * }</pre>
 */
public final class SafeTensorsWriter {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata = new TreeMap<>();
    private boolean float16;

    private interface Source {
        /** Writes exactly the entry's bytes, little-endian. */
        void writeTo(OutputStream out) throws IOException;
    }

    private record Entry(String name, SafeTensorsDType dtype, Shape shape, Source source) {
        long byteCount() {
            return shape.size() * dtype.byteSize();
        }
    }

    /**
     * Adds an array under a name.
     *
     * @param name the tensor name
     * @param array the array (CPU or not; it is copied to the CPU when written)
     * @return this writer
     * @throws IllegalArgumentException for a repeated name or a type the format cannot hold
     */
    public SafeTensorsWriter add(String name, NDArray array) {
        DataType type = array.getDataType();
        SafeTensorsDType stored = SafeTensorsDType.forDataType(type);
        if (stored == null) {
            throw new IllegalArgumentException("tensor '" + name + "': cannot store NDArray type " + type
                    + " in safetensors (supported: FLOAT32, FLOAT64, FLOAT16, INT64, INT32, INT16, INT8, UINT8, BOOLEAN)");
        }
        Shape shape = array.getShape();
        put(new Entry(name, stored, shape, out -> writeArray(name, array, out)));
        return this;
    }

    /**
     * Adds float32 values.
     *
     * @param name the tensor name
     * @param values the values in row-major order
     * @param shape the shape; its size must equal {@code values.length}
     * @return this writer
     */
    public SafeTensorsWriter add(String name, float[] values, Shape shape) {
        checkSize(name, values.length, shape);
        put(new Entry(name, SafeTensorsDType.F32, shape, out -> {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            out.write(b.array());
        }));
        return this;
    }

    /**
     * Adds int64 values.
     *
     * @param name the tensor name
     * @param values the values in row-major order
     * @param shape the shape; its size must equal {@code values.length}
     * @return this writer
     */
    public SafeTensorsWriter add(String name, long[] values, Shape shape) {
        checkSize(name, values.length, shape);
        put(new Entry(name, SafeTensorsDType.I64, shape, out -> {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(values);
            out.write(b.array());
        }));
        return this;
    }

    /**
     * Adds int32 values.
     *
     * @param name the tensor name
     * @param values the values in row-major order
     * @param shape the shape; its size must equal {@code values.length}
     * @return this writer
     */
    public SafeTensorsWriter add(String name, int[] values, Shape shape) {
        checkSize(name, values.length, shape);
        put(new Entry(name, SafeTensorsDType.I32, shape, out -> {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(values);
            out.write(b.array());
        }));
        return this;
    }

    /**
     * Adds a {@code __metadata__} entry.
     *
     * @param key the key
     * @param value the value
     * @return this writer
     */
    public SafeTensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * Adds {@code __metadata__} entries.
     *
     * @param entries the entries
     * @return this writer
     */
    public SafeTensorsWriter metadata(Map<String, String> entries) {
        metadata.putAll(entries);
        return this;
    }

    /**
     * Stores every float32 tensor as F16 (rounded to nearest even; magnitudes beyond 65504 become infinity).
     * Default: false.
     *
     * @param enabled whether to narrow
     * @return this writer
     */
    public SafeTensorsWriter float16(boolean enabled) {
        this.float16 = enabled;
        return this;
    }

    /** @return the tensor names added so far, in insertion order */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /**
     * Writes the file atomically, replacing any existing one.
     *
     * @param target the file
     * @throws IOException when writing fails (the previous file, if any, is then left as it was)
     */
    public void write(Path target) throws IOException {
        List<Entry> layout = new ArrayList<>();
        for (Entry e : entries.values()) {
            layout.add(float16 && e.dtype() == SafeTensorsDType.F32 ? narrowed(e) : e);
        }
        layout.sort(Comparator.comparingInt((Entry e) -> -e.dtype().byteSize()).thenComparing(Entry::name));
        Map<String, long[]> offsets = new TreeMap<>();
        long position = 0;
        for (Entry e : layout) {
            long end = position + e.byteCount();
            offsets.put(e.name(), new long[] {position, end});
            position = end;
        }
        byte[] headerBytes = headerJson(layout, offsets);
        AtomicFiles.write(target, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            length.putLong(headerBytes.length);
            out.write(length.array());
            out.write(headerBytes);
            for (Entry e : layout) {
                CountingStream counted = new CountingStream(out);
                e.source().writeTo(counted);
                if (counted.count != e.byteCount()) {
                    throw new IOException("tensor '" + e.name() + "' wrote " + counted.count + " bytes, expected "
                            + e.byteCount());
                }
            }
        });
    }

    private byte[] headerJson(List<Entry> layout, Map<String, long[]> offsets) {
        JsonObject root = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            root.add(SafeTensorsHeader.METADATA_KEY, meta);
        }
        Map<String, Entry> byName = new TreeMap<>();
        layout.forEach(e -> byName.put(e.name(), e));
        for (Entry e : byName.values()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", e.dtype().name());
            JsonArray shape = new JsonArray();
            for (long d : e.shape().getShape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray off = new JsonArray();
            long[] o = offsets.get(e.name());
            off.add(o[0]);
            off.add(o[1]);
            t.add("data_offsets", off);
            root.add(e.name(), t);
        }
        byte[] json = GSON.toJson(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            out[i] = ' ';
        }
        return out;
    }

    private void put(Entry e) {
        if (SafeTensorsHeader.METADATA_KEY.equals(e.name())) {
            throw new IllegalArgumentException("'" + SafeTensorsHeader.METADATA_KEY + "' is reserved");
        }
        if (entries.putIfAbsent(e.name(), e) != null) {
            throw new IllegalArgumentException("tensor '" + e.name() + "' added twice");
        }
    }

    private static void checkSize(String name, int length, Shape shape) {
        if (shape.size() != length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + length + " values do not fill shape "
                    + shape);
        }
    }

    private static Entry narrowed(Entry e) {
        return new Entry(e.name(), SafeTensorsDType.F16, e.shape(), out -> {
            HalfNarrowingStream narrow = new HalfNarrowingStream(out);
            e.source().writeTo(narrow);
            narrow.finish();
        });
    }

    private static void writeArray(String name, NDArray array, OutputStream out) throws IOException {
        ByteBuffer data = array.toByteBuffer(true).order(ByteOrder.nativeOrder());
        int elementSize = array.getDataType().getNumOfBytes();
        byte[] chunk = new byte[1 << 16];
        if (elementSize == 1 || ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
            return;
        }
        ByteBuffer le = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        while (data.hasRemaining()) {
            le.clear();
            while (le.remaining() >= elementSize && data.hasRemaining()) {
                switch (elementSize) {
                    case 2: le.putShort(data.getShort()); break;
                    case 4: le.putInt(data.getInt()); break;
                    default: le.putLong(data.getLong()); break;
                }
            }
            out.write(chunk, 0, le.position());
        }
    }

    /** Receives little-endian float32 bytes and forwards them as little-endian float16. */
    private static final class HalfNarrowingStream extends OutputStream {
        private final OutputStream out;
        private final ByteBuffer pending = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 15).order(ByteOrder.LITTLE_ENDIAN);

        HalfNarrowingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer in = ByteBuffer.wrap(b, off, len).order(ByteOrder.LITTLE_ENDIAN);
            while (in.hasRemaining()) {
                if (pending.position() == 0 && in.remaining() >= 4) {
                    emit(in.getFloat());
                } else {
                    pending.put(in.get());
                    if (!pending.hasRemaining()) {
                        emit(pending.getFloat(0));
                        pending.clear();
                    }
                }
            }
        }

        private void emit(float value) throws IOException {
            buffer.putShort(HalfFloats.floatToHalf(value));
            if (!buffer.hasRemaining()) {
                drain();
            }
        }

        private void drain() throws IOException {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        void finish() throws IOException {
            if (pending.position() != 0) {
                throw new IOException("float32 data length is not a multiple of 4");
            }
            drain();
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
