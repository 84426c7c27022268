package org.vladapter.io.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.vladapter.io.HalfFloats;
import org.vladapter.io.SafeTensorsDType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A read-only {@code torch.save} state dict ({@code pytorch_model.bin}), in the zip layout (PyTorch 1.6 and later:
 * {@code <archive>/data.pkl}, {@code <archive>/data/<key>}, {@code <archive>/version}, optionally
 * {@code <archive>/byteorder}) or the legacy stream layout (five pickles, then every storage as an int64 element
 * count and its bytes).
 *
 * <p>The pickle is read with {@link StateDictUnpickler} (nothing is executed; anything beyond a state dict is
 * refused). Tensors are strided views of storages: views at an offset, transposed or otherwise non-contiguous
 * views are copied element by element into row-major order, and tensors that share a storage (tied weights) each
 * read it. Storages are little-endian (a {@code byteorder} record saying otherwise is refused). Loaded types are
 * those of {@link org.vladapter.io.SafeTensorsFile}: float32, float16 and bfloat16 as FLOAT32 (widened exactly),
 * float64, int64, int32, int16 (as INT32), int8, uint8, bool.
 */
public final class TorchCheckpointFile implements org.vladapter.io.WeightFile {

    /** Most bytes a state dict's pickle may have (real ones are kilobytes to a few megabytes). */
    static final int MAX_PICKLE_BYTES = 256 << 20;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final Path file;
    private final Map<String, TensorRef> tensors;
    private final byte[] pickle;
    private final ZipFile zip;
    private final String archive;
    private final Map<String, Long> legacyOffsets;

    private TorchCheckpointFile(Path file, Map<String, TensorRef> tensors, byte[] pickle, ZipFile zip, String archive,
            Map<String, Long> legacyOffsets) {
        this.file = file;
        this.tensors = tensors;
        this.pickle = pickle;
        this.zip = zip;
        this.archive = archive;
        this.legacyOffsets = legacyOffsets;
    }

    /**
     * @param file a file
     * @return whether it starts like a {@code torch.save} file (a zip, or a protocol-2 pickle)
     * @throws IOException when it cannot be read
     */
    public static boolean looksLikeTorchFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && (java.util.Arrays.equals(head, ZIP_MAGIC) || (head[0] & 0xFF) == 0x80);
        }
    }

    /**
     * Opens a checkpoint and reads its state dict.
     *
     * @param file the {@code pytorch_model.bin} (or {@code .pt}, {@code .pth}) file
     * @return the open file
     * @throws IOException when it is missing, truncated, corrupt or more than a state dict (message names the file)
     */
    public static TorchCheckpointFile open(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length == 4 && java.util.Arrays.equals(head, ZIP_MAGIC)) {
            return openZip(file);
        }
        if (head.length > 0 && (head[0] & 0xFF) == 0x80) {
            return openLegacy(file);
        }
        throw new TorchCheckpointException(file + " is not a torch.save file (neither a zip nor a pickle;"
                + " it starts with " + head.length + " bytes " + java.util.HexFormat.of().formatHex(head) + ")");
    }

    private static TorchCheckpointFile openZip(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new TorchCheckpointException(file + " is a truncated or corrupt zip (" + e.getMessage() + ")", e);
        }
        try {
            String archive = null;
            for (ZipEntry e : Collections.list(zip.entries())) {
                String n = e.getName();
                if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                    if (archive != null) {
                        throw new TorchCheckpointException(file + " holds two data.pkl entries (" + archive
                                + "data.pkl, " + n + ")");
                    }
                    archive = n.substring(0, n.length() - "data.pkl".length());
                }
            }
            if (archive == null) {
                throw new TorchCheckpointException(file + " is a zip but no torch.save file (no <archive>/data.pkl"
                        + " entry; a TorchScript or other archive?)");
            }
            ZipEntry order = zip.getEntry(archive + "byteorder");
            if (order != null) {
                String o = new String(readEntry(zip, order, file, 16), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (!o.equals("little")) {
                    throw new TorchCheckpointException(file + ": storages are stored " + o
                            + "-endian (entry " + order.getName() + "); only little-endian files are read");
                }
            }
            ZipEntry pklEntry = zip.getEntry(archive + "data.pkl");
            byte[] pkl = readEntry(zip, pklEntry, file, MAX_PICKLE_BYTES);
            String where = file + ":" + pklEntry.getName();
            Object value = StateDictUnpickler.read(pkl, 0, pkl.length, where, false).value();
            Map<String, TensorRef> tensors = StateDictUnpickler.stateDict(value, where);
            for (Map.Entry<String, TensorRef> t : tensors.entrySet()) {
                StorageRef s = t.getValue().storage();
                ZipEntry data = zip.getEntry(archive + "data/" + s.key());
                if (data == null) {
                    throw new TorchCheckpointException(file + ": tensor '" + t.getKey() + "' needs storage entry "
                            + archive + "data/" + s.key() + ", which the zip lacks");
                }
                if (data.getSize() != s.byteCount()) {
                    throw new TorchCheckpointException(file + ": storage entry " + data.getName() + " has "
                            + data.getSize() + " bytes, but tensor '" + t.getKey() + "' names " + s.numel() + " "
                            + s.type().className() + " elements (" + s.byteCount() + " bytes)");
                }
            }
            return new TorchCheckpointFile(file, tensors, pkl, zip, archive, null);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, Path file, long max) throws IOException {
        if (e.getSize() > max || e.getSize() > Integer.MAX_VALUE - 8) {
            throw new TorchCheckpointException(file + ": entry " + e.getName() + " has " + e.getSize()
                    + " bytes, more than the " + max + " read here");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) e.getSize());
            if (b.length != e.getSize()) {
                throw new TorchCheckpointException(file + ": entry " + e.getName() + " ends after " + b.length
                        + " of " + e.getSize() + " bytes (truncated file)");
            }
            return b;
        } catch (ZipException ex) {
            throw new TorchCheckpointException(file + ": entry " + e.getName() + " is corrupt (" + ex.getMessage() + ")", ex);
        }
    }

    private static TorchCheckpointFile openLegacy(Path file) throws IOException {
        long size = Files.size(file);
        int prefix = (int) Math.min(size, 1 << 20);
        while (true) {
            byte[] head = new byte[prefix];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.wrap(head);
                while (b.hasRemaining() && ch.read(b) >= 0) {
                    // fill the prefix
                }
            }
            try {
                return parseLegacy(file, size, head);
            } catch (StateDictUnpickler.Truncated t) {
                if (prefix >= size || prefix >= MAX_PICKLE_BYTES) {
                    throw t;
                }
                prefix = (int) Math.min(size, MAX_PICKLE_BYTES);
            }
        }
    }

    private static TorchCheckpointFile parseLegacy(Path file, long size, byte[] head) throws IOException {
        String where = file + " (legacy torch.save layout)";
        StateDictUnpickler.Result magic = StateDictUnpickler.read(head, 0, head.length, where, true);
        if (!(magic.value() instanceof java.math.BigInteger m) || !m.equals(new java.math.BigInteger("1950a86a20f9469cfc6c", 16))) {
            throw new TorchCheckpointException(where + ": not a torch.save file (the first pickle is not torch's magic"
                    + " number)");
        }
        StateDictUnpickler.Result protocol = StateDictUnpickler.read(head, magic.end(), head.length, where, true);
        if (!Long.valueOf(1001).equals(protocol.value())) {
            throw new TorchCheckpointException(where + ": unsupported legacy protocol version " + protocol.value());
        }
        StateDictUnpickler.Result sysInfo = StateDictUnpickler.read(head, protocol.end(), head.length, where, true);
        if (!(sysInfo.value() instanceof Map<?, ?> info) || !Boolean.TRUE.equals(info.get("little_endian"))) {
            throw new TorchCheckpointException(where + ": written on a big-endian machine or without system info;"
                    + " only little-endian files are read");
        }
        StateDictUnpickler.Result data = StateDictUnpickler.read(head, sysInfo.end(), head.length, where, true);
        Map<String, TensorRef> tensors = StateDictUnpickler.stateDict(data.value(), where);
        StateDictUnpickler.Result keys = StateDictUnpickler.read(head, data.end(), head.length, where, true);
        if (!(keys.value() instanceof List<?> keyList)) {
            throw new TorchCheckpointException(where + ": the storage key list is missing");
        }
        Map<String, StorageRef> byKey = new LinkedHashMap<>();
        for (TensorRef t : tensors.values()) {
            byKey.put(t.storage().key(), t.storage());
        }
        Map<String, Long> offsets = new LinkedHashMap<>();
        long at = keys.end();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Object k : keyList) {
                StorageRef s = byKey.get(k);
                if (!(k instanceof String) || s == null) {
                    throw new TorchCheckpointException(where + ": storage key " + k + " is listed but no tensor uses it");
                }
                ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                if (at + 8 > size || ch.read(count, at) != 8) {
                    throw new TorchCheckpointException(where + ": storage '" + k + "' starts past the end of the file"
                            + " (truncated file)");
                }
                long numel = count.getLong(0);
                if (numel != s.numel()) {
                    throw new TorchCheckpointException(where + ": storage '" + k + "' holds " + numel
                            + " elements, but the pickle names " + s.numel());
                }
                offsets.put((String) k, at + 8);
                at = at + 8 + s.byteCount();
                if (at > size) {
                    throw new TorchCheckpointException(where + ": storage '" + k + "' ends past the end of the file"
                            + " (" + at + " > " + size + " bytes; truncated file)");
                }
            }
        }
        for (String k : byKey.keySet()) {
            if (!offsets.containsKey(k)) {
                throw new TorchCheckpointException(where + ": storage '" + k + "' is not in the storage key list");
            }
        }
        byte[] pkl = java.util.Arrays.copyOfRange(head, sysInfo.end(), data.end());
        return new TorchCheckpointFile(file, tensors, pkl, null, null, offsets);
    }

    /** @return the file */
    public Path path() {
        return file;
    }

    /** @return the tensor names, in file order */
    public List<String> names() {
        return new ArrayList<>(tensors.keySet());
    }

    /** @return the bytes of the state dict's pickle (names, shapes, storage keys; for fingerprints) */
    public byte[] pickleBytes() {
        return pickle.clone();
    }

    /**
     * @param name a tensor name
     * @return the tensor's storage view
     * @throws TorchCheckpointException when the file has no such tensor
     */
    public TensorRef info(String name) throws TorchCheckpointException {
        TensorRef t = tensors.get(name);
        if (t == null) {
            throw new TorchCheckpointException("no tensor '" + name + "' in " + file + " (" + tensors.size() + " tensors)");
        }
        return t;
    }

    /**
     * @param name a tensor name
     * @return its shape
     * @throws TorchCheckpointException when the file has no such tensor
     */
    public Shape shape(String name) throws TorchCheckpointException {
        return info(name).shape();
    }

    /**
     * @param name a tensor name
     * @return its element type
     * @throws TorchCheckpointException when the file has no such tensor
     */
    public SafeTensorsDType dtype(String name) throws TorchCheckpointException {
        return info(name).storage().type().dtype();
    }

    /**
     * Loads a tensor in row-major order (see the class comment for the resulting types); the array is named
     * {@code name}.
     *
     * @param name the tensor name
     * @param manager the manager that will own the array
     * @return the array
     * @throws IOException when the tensor is missing or its storage unreadable
     */
    public NDArray load(String name, NDManager manager) throws IOException {
        TensorRef t = info(name);
        SafeTensorsDType dt = t.storage().type().dtype();
        DataType type = dt.loadedAs();
        long n = t.numel();
        long outBytes = n * type.getNumOfBytes();
        if (outBytes > Integer.MAX_VALUE) {
            throw new TorchCheckpointException("tensor '" + name + "' in " + file + " needs " + outBytes
                    + " bytes, more than one NDArray buffer (2 GiB) can hold");
        }
        ByteBuffer src = storage(t.storage(), name);
        ByteBuffer out = ByteBuffer.allocateDirect((int) outBytes).order(ByteOrder.nativeOrder());
        copy(t, dt, src, out);
        out.rewind();
        try (NDArray view = manager.create(out, t.shape(), type)) {
            NDArray array = view.duplicate();
            array.setName(name);
            return array;
        }
    }

    /**
     * Reads a floating-point tensor into a Java array, row-major (float32, float16, bfloat16 exactly; float64
     * rounded).
     *
     * @param name the tensor name
     * @return the values
     * @throws IOException when the tensor is missing, not floating point or too large for a Java array
     */
    public float[] readFloats(String name) throws IOException {
        TensorRef t = info(name);
        SafeTensorsDType dt = t.storage().type().dtype();
        if (dt != SafeTensorsDType.F32 && dt != SafeTensorsDType.F16 && dt != SafeTensorsDType.BF16
                && dt != SafeTensorsDType.F64) {
            throw new TorchCheckpointException("tensor '" + name + "' in " + file + " has dtype " + dt
                    + "; readFloats needs a floating-point tensor");
        }
        if (t.numel() > Integer.MAX_VALUE - 8) {
            throw new TorchCheckpointException("tensor '" + name + "' in " + file + " is too large for a Java array");
        }
        ByteBuffer src = storage(t.storage(), name);
        float[] out = new float[(int) t.numel()];
        StridedIndex idx = new StridedIndex(t);
        int es = dt.byteSize();
        for (int i = 0; i < out.length; i++) {
            int p = (int) (idx.next() * es);
            out[i] = switch (dt) {
                case F32 -> src.getFloat(p);
                case F16 -> HalfFloats.halfToFloat(src.getShort(p));
                case BF16 -> HalfFloats.bfloat16ToFloat(src.getShort(p));
                default -> (float) src.getDouble(p);
            };
        }
        return out;
    }

    /** Copies the view's elements in row-major order, converting as the loaded type needs. */
    private static void copy(TensorRef t, SafeTensorsDType dt, ByteBuffer src, ByteBuffer out) {
        long n = t.numel();
        int es = dt.byteSize();
        if (dt == SafeTensorsDType.F32 && t.isContiguous()) {
            ByteBuffer slice = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            slice.position((int) (t.offset() * es)).limit((int) ((t.offset() + n) * es));
            out.asFloatBuffer().put(slice.asFloatBuffer());
            return;
        }
        StridedIndex idx = new StridedIndex(t);
        for (long i = 0; i < n; i++) {
            int p = (int) (idx.next() * es);
            switch (dt) {
                case F32 -> out.putFloat(src.getFloat(p));
                case F16 -> out.putFloat(HalfFloats.halfToFloat(src.getShort(p)));
                case BF16 -> out.putFloat(HalfFloats.bfloat16ToFloat(src.getShort(p)));
                case F64 -> out.putDouble(src.getDouble(p));
                case I64 -> out.putLong(src.getLong(p));
                case I32 -> out.putInt(src.getInt(p));
                case I16 -> out.putInt(src.getShort(p));
                default -> out.put(src.get(p)); // I8, U8, BOOL
            }
        }
    }

    /** Storage indices of a view's elements in row-major order. */
    private static final class StridedIndex {
        private final long[] size;
        private final long[] stride;
        private final long[] counter;
        private long position;
        private boolean started;

        StridedIndex(TensorRef t) {
            this.size = t.size();
            this.stride = t.stride();
            this.counter = new long[size.length];
            this.position = t.offset();
        }

        long next() {
            if (!started) {
                started = true;
                return position;
            }
            for (int d = size.length - 1; d >= 0; d--) {
                counter[d]++;
                position += stride[d];
                if (counter[d] < size[d]) {
                    return position;
                }
                position -= stride[d] * size[d];
                counter[d] = 0;
            }
            return position;
        }
    }

    private ByteBuffer storage(StorageRef s, String tensor) throws IOException {
        long bytes = s.byteCount();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new TorchCheckpointException("storage '" + s.key() + "' of tensor '" + tensor + "' in " + file
                    + " has " + bytes + " bytes; storages over 2 GiB are not read");
        }
        if (zip != null) {
            ZipEntry e = zip.getEntry(archive + "data/" + s.key());
            return ByteBuffer.wrap(readEntry(zip, e, file, bytes)).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = legacyOffsets.get(s.key());
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    throw new TorchCheckpointException("storage '" + s.key() + "' of tensor '" + tensor + "' in " + file
                            + " ends early (truncated file)");
                }
            }
        }
        return b.rewind();
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }

    @Override
    public String toString() {
        return "TorchCheckpointFile[" + file + ", " + tensors.size() + " tensors]";
    }
}
