package org.vladapter.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A read-only view of a {@code .safetensors} file (the HuggingFace format: an 8-byte little-endian header length,
 * a JSON header, then raw little-endian tensor data).
 *
 * <p>The header is validated when the file is opened (see {@link SafeTensorsException} messages). Tensor data is
 * memory-mapped one tensor at a time, so files larger than 2 GiB work and loading never holds a copy of the
 * checkpoint on the Java heap: each tensor is copied from the mapping into memory that libtorch owns (a mapped
 * read-only region must not back a tensor that training may update in place, and DJL's own buffers would count
 * against {@code -XX:MaxDirectMemorySize}).
 *
 * <p>Loaded types: F32, F16 and BF16 as FLOAT32 (16-bit values widened exactly in Java before any NDArray exists),
 * F64 as FLOAT64, I64 as INT64, I32 as INT32, I16 as INT32 (widened in Java: an INT16 tensor aborts the native
 * engine), I8 as INT8, U8 as UINT8, BOOL as BOOLEAN.
 *
 * <p>Instances are safe for concurrent reads; close them to release the file handle.
 */
public final class SafeTensorsFile implements WeightFile {

    private final Path file;
    private final FileChannel channel;
    private final SafeTensorsHeader header;

    private SafeTensorsFile(Path file, FileChannel channel, SafeTensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens and validates a file.
     *
     * @param file the {@code .safetensors} file
     * @return the open file
     * @throws IOException when the file cannot be read or its header is invalid
     */
    public static SafeTensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer prefix = ByteBuffer.allocate(8);
            if (size >= 8) {
                readFully(channel, prefix, 0);
            }
            SafeTensorsHeader header = SafeTensorsHeader.parse(file, size, prefix, n -> {
                ByteBuffer b = ByteBuffer.allocate(n);
                readFully(channel, b, 8);
                return b.array();
            });
            return new SafeTensorsFile(file, channel, header);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** @return the file */
    public Path path() {
        return file;
    }

    /** @return the tensor names, sorted */
    public List<String> names() {
        return new ArrayList<>(new TreeSet<>(header.tensors.keySet()));
    }

    /**
     * @param name a tensor name
     * @return whether the file holds it
     */
    public boolean contains(String name) {
        return header.tensors.containsKey(name);
    }

    /** @return the {@code __metadata__} entries (empty if absent), in file order */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    /**
     * The header entry of a tensor.
     *
     * @param name the tensor name
     * @return its entry
     * @throws SafeTensorsException when the file has no such tensor
     */
    public TensorInfo info(String name) throws SafeTensorsException {
        TensorInfo info = header.tensors.get(name);
        if (info == null) {
            throw new SafeTensorsException("no tensor '" + name + "' in " + file + " (" + header.tensors.size()
                    + " tensors; closest: " + closestNames(name, 5) + ")");
        }
        return info;
    }

    /**
     * @param name the tensor name
     * @return its shape
     * @throws SafeTensorsException when the file has no such tensor
     */
    public Shape shape(String name) throws SafeTensorsException {
        return info(name).shape();
    }

    /**
     * @param name the tensor name
     * @return its stored element type
     * @throws SafeTensorsException when the file has no such tensor
     */
    public SafeTensorsDType dtype(String name) throws SafeTensorsException {
        return info(name).dtype();
    }

    /**
     * Throws unless a tensor has the expected shape.
     *
     * @param name the tensor name
     * @param expected the shape needed
     * @throws SafeTensorsException when the tensor is missing, or {@link ShapeMismatchException} when its shape differs
     */
    public void checkShape(String name, Shape expected) throws SafeTensorsException {
        ShapeMismatchException.check(name, file, expected, shape(name));
    }

    /**
     * Loads a tensor (see the class comment for the resulting types). The NDArray is named {@code name}.
     *
     * @param name the tensor name
     * @param manager the manager that will own the array
     * @return the array
     * @throws IOException when the tensor is missing, of an unloadable type, or unreadable
     */
    public NDArray load(String name, NDManager manager) throws IOException {
        TensorInfo info = info(name);
        DataType type = info.dtype().loadedAs();
        if (type == null) {
            throw new SafeTensorsException("tensor '" + name + "' in " + file + " has dtype " + info.dtype()
                    + ", which cannot be loaded (supported: F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL)");
        }
        long outBytes = info.elementCount() * type.getNumOfBytes();
        if (outBytes > Integer.MAX_VALUE) {
            throw new SafeTensorsException("tensor '" + name + "' in " + file + " needs " + outBytes
                    + " bytes, more than one NDArray buffer (2 GiB) can hold");
        }
        ByteBuffer src = map(info);
        ByteBuffer data;
        if (info.dtype() == SafeTensorsDType.F16 || info.dtype() == SafeTensorsDType.BF16) {
            data = ByteBuffer.allocateDirect((int) outBytes).order(ByteOrder.nativeOrder());
            boolean half = info.dtype() == SafeTensorsDType.F16;
            while (src.hasRemaining()) {
                short bits = src.getShort();
                data.putFloat(half ? HalfFloats.halfToFloat(bits) : HalfFloats.bfloat16ToFloat(bits));
            }
            data.rewind();
        } else if (info.dtype() == SafeTensorsDType.I16) {
            data = ByteBuffer.allocateDirect((int) outBytes).order(ByteOrder.nativeOrder());
            while (src.hasRemaining()) {
                data.putInt(src.getShort());
            }
            data.rewind();
        } else if (src.isDirect() && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                && (header.dataStart + info.begin()) % info.dtype().byteSize() == 0) {
            data = src; // the mapped bytes are already the tensor's memory layout
        } else {
            data = ByteBuffer.allocateDirect((int) outBytes).order(ByteOrder.nativeOrder());
            copyLittleEndian(src, data, info.dtype().byteSize());
            data.rewind();
        }
        // DJL's CPU tensors keep the buffer they were created from as their storage; cloning moves the values
        // into memory libtorch owns, so neither the read-only file mapping nor a direct buffer (which counts
        // against -XX:MaxDirectMemorySize) outlives this call
        try (NDArray view = manager.create(data, info.shape(), type)) {
            NDArray array = view.duplicate();
            array.setName(name);
            return array;
        }
    }

    /**
     * Loads a tensor and checks its shape first.
     *
     * @param name the tensor name
     * @param manager the manager that will own the array
     * @param expected the shape needed
     * @return the array
     * @throws IOException when the tensor is missing or unreadable, or {@link ShapeMismatchException} on a shape
     *     difference
     */
    public NDArray load(String name, NDManager manager, Shape expected) throws IOException {
        checkShape(name, expected);
        return load(name, manager);
    }

    /**
     * Loads every tensor.
     *
     * @param manager the manager that will own the arrays
     * @return arrays by name, sorted by name
     * @throws IOException when a tensor cannot be loaded
     */
    public Map<String, NDArray> loadAll(NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : names()) {
            out.put(name, load(name, manager));
        }
        return out;
    }

    /**
     * Reads a floating-point tensor into a Java array (F32, F16, BF16 exactly; F64 rounded to float).
     *
     * @param name the tensor name
     * @return the values in row-major order
     * @throws IOException when the tensor is missing, not floating point, or too large for a Java array
     */
    public float[] readFloats(String name) throws IOException {
        TensorInfo info = info(name);
        int n = javaArrayLength(info);
        float[] out = new float[n];
        ByteBuffer src = map(info);
        switch (info.dtype()) {
            case F32:
                src.asFloatBuffer().get(out);
                break;
            case F16:
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.halfToFloat(src.getShort());
                }
                break;
            case BF16:
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.bfloat16ToFloat(src.getShort());
                }
                break;
            case F64:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) src.getDouble();
                }
                break;
            default:
                throw new SafeTensorsException("tensor '" + name + "' in " + file + " has dtype " + info.dtype()
                        + "; readFloats needs F32, F16, BF16 or F64");
        }
        return out;
    }

    /**
     * Reads an integer or boolean tensor into a Java array (I64, I32, I16, I8, U8, BOOL, widened exactly).
     *
     * @param name the tensor name
     * @return the values in row-major order
     * @throws IOException when the tensor is missing, not integral, or too large for a Java array
     */
    public long[] readLongs(String name) throws IOException {
        TensorInfo info = info(name);
        int n = javaArrayLength(info);
        long[] out = new long[n];
        ByteBuffer src = map(info);
        switch (info.dtype()) {
            case I64:
                src.asLongBuffer().get(out);
                break;
            case I32:
                for (int i = 0; i < n; i++) {
                    out[i] = src.getInt();
                }
                break;
            case I16:
                for (int i = 0; i < n; i++) {
                    out[i] = src.getShort();
                }
                break;
            case I8:
                for (int i = 0; i < n; i++) {
                    out[i] = src.get();
                }
                break;
            case U8:
            case BOOL:
                for (int i = 0; i < n; i++) {
                    out[i] = src.get() & 0xFF;
                }
                break;
            default:
                throw new SafeTensorsException("tensor '" + name + "' in " + file + " has dtype " + info.dtype()
                        + "; readLongs needs I64, I32, I16, I8, U8 or BOOL");
        }
        return out;
    }

    private int javaArrayLength(TensorInfo info) throws SafeTensorsException {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new SafeTensorsException("tensor '" + info.name() + "' in " + file + " has " + n
                    + " elements, too many for a Java array; use load()");
        }
        return (int) n;
    }

    /** Maps one tensor's bytes, little-endian. */
    private ByteBuffer map(TensorInfo info) throws IOException {
        if (info.byteCount() == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, header.dataStart + info.begin(),
                info.byteCount());
        return mapped.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void copyLittleEndian(ByteBuffer src, ByteBuffer out, int elementSize) {
        if (elementSize == 1 || out.order() == ByteOrder.LITTLE_ENDIAN) {
            out.put(src);
            return;
        }
        while (src.hasRemaining()) {
            switch (elementSize) {
                case 2: out.putShort(src.getShort()); break;
                case 4: out.putInt(src.getInt()); break;
                default: out.putLong(src.getLong()); break;
            }
        }
    }

    private String closestNames(String name, int count) {
        if (header.tensors.isEmpty()) {
            return "the file holds no tensors";
        }
        return header.tensors.keySet().stream()
                .sorted(Comparator.comparingInt((String c) -> editDistance(name, c)).thenComparing(c -> c))
                .limit(count)
                .map(c -> "'" + c + "'")
                .collect(Collectors.joining(", "));
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "SafeTensorsFile[" + file + ", " + header.tensors.size() + " tensors]";
    }
}
