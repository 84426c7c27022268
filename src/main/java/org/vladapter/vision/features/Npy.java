package org.vladapter.vision.features;

import org.vladapter.io.HalfFloats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reader of numpy's NPY format (versions 1-3) and of arrays inside NPZ archives (a zip of {@code
 * <name>.npy} entries, stored or deflated, as {@code np.savez} / {@code np.savez_compressed} write them).
 *
 * <p>Supported: little-endian float16 ({@code <f2}), float32 ({@code <f4}) and float64 ({@code <f8}) in C
 * order; values are converted to float32. Fortran order and any other dtype fail with a message naming the
 * file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {}

    /** The largest array accepted, in bytes of the file (a feature matrix is a few MB; more is a damaged file). */
    public static final long MAX_ARRAY_BYTES = 512L << 20;

    /**
     * Reads one array of an NPZ archive. The entry's CRC-32 is verified, and no more bytes are decompressed than the
     * entry declares (and at most {@link #MAX_ARRAY_BYTES}), so a corrupted or bomb archive fails with its name.
     *
     * @param npz the archive
     * @param name the array name ({@code features} reads the entry {@code features.npy})
     * @return the array
     * @throws FeatureStoreException naming the file when it or the entry cannot be read
     */
    public static NpyArray readNpz(Path npz, String name) {
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                entry = zip.getEntry(name);
            }
            if (entry == null) {
                StringBuilder names = new StringBuilder();
                zip.stream().limit(20).forEach(e -> names.append(names.length() == 0 ? "" : ", ").append(e.getName()));
                throw new FeatureStoreException(
                        "no array '" + name + "' in " + npz + " (entries: " + names + ")");
            }
            String source = npz + ":" + entry.getName();
            long declared = entry.getSize();
            if (declared < 0 || declared > MAX_ARRAY_BYTES) {
                throw new FeatureStoreException(source + ": the zip entry declares " + declared
                        + " bytes, outside [0, " + MAX_ARRAY_BYTES + "] (damaged archive?)");
            }
            byte[] bytes = new byte[(int) declared];
            CRC32 crc = new CRC32();
            try (InputStream in = zip.getInputStream(entry)) {
                int n = in.readNBytes(bytes, 0, bytes.length);
                if (n != bytes.length) {
                    throw new FeatureStoreException(source + ": the zip entry holds " + n + " bytes but declares "
                            + declared + " (damaged archive)");
                }
                if (in.read() >= 0) {
                    throw new FeatureStoreException(source + ": the zip entry holds more than the " + declared
                            + " bytes it declares (damaged archive)");
                }
            }
            crc.update(bytes);
            if (crc.getValue() != entry.getCrc()) {
                throw new FeatureStoreException(source + ": CRC-32 mismatch (stored "
                        + Long.toHexString(entry.getCrc()) + ", computed " + Long.toHexString(crc.getValue())
                        + "): the archive is corrupted");
            }
            return read(bytes, source);
        } catch (FeatureStoreException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new FeatureStoreException("cannot read " + npz + ": not a readable NPZ archive (" + why + ")", e);
        }
    }

    /**
     * Reads only the shape of one array of an NPZ archive: the NPY preamble and header of the entry are
     * decompressed and parsed ({@link NpyHeader}), the data is not.
     *
     * @param npz the archive
     * @param name the array name ({@code features} reads the entry {@code features.npy})
     * @return the array's shape
     * @throws FeatureStoreException naming the file when the entry or its header cannot be read
     */
    public static int[] npzShape(Path npz, String name) {
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                entry = zip.getEntry(name);
            }
            if (entry == null) {
                throw new FeatureStoreException("no array '" + name + "' in " + npz);
            }
            String source = npz + ":" + entry.getName();
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] pre = in.readNBytes(12);
                if (pre.length < 10 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
                    throw new FeatureStoreException(source + " is not an NPY file (bad magic)");
                }
                int major = pre[6] & 0xff;
                ByteBuffer buf = ByteBuffer.wrap(pre).order(ByteOrder.LITTLE_ENDIAN);
                long headerLength;
                int headerStart;
                if (major == 1) {
                    headerLength = buf.getShort(8) & 0xffff;
                    headerStart = 10;
                } else if ((major == 2 || major == 3) && pre.length == 12) {
                    headerLength = buf.getInt(8) & 0xffffffffL;
                    headerStart = 12;
                } else {
                    throw new FeatureStoreException(source + ": unsupported or truncated NPY header");
                }
                if (headerLength > (1 << 20) || headerLength < pre.length - headerStart) {
                    throw new FeatureStoreException(source + ": NPY header of " + headerLength + " bytes (damaged?)");
                }
                byte[] rest = in.readNBytes((int) headerLength - (pre.length - headerStart));
                byte[] header = new byte[(int) headerLength];
                System.arraycopy(pre, headerStart, header, 0, pre.length - headerStart);
                System.arraycopy(rest, 0, header, pre.length - headerStart, rest.length);
                if (pre.length - headerStart + rest.length != headerLength) {
                    throw new FeatureStoreException(source + ": truncated NPY header");
                }
                long[] shape = NpyHeader.parse(new String(header, StandardCharsets.UTF_8), source).shape();
                int[] dims = new int[shape.length];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = (int) Math.min(shape[i], Integer.MAX_VALUE);
                }
                return dims;
            }
        } catch (FeatureStoreException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new FeatureStoreException("cannot read " + npz + ": not a readable NPZ archive (" + why + ")", e);
        }
    }

    /**
     * Reads an NPY file.
     *
     * @param npy the file
     * @return the array
     * @throws FeatureStoreException naming the file when it cannot be read
     */
    public static NpyArray readNpy(Path npy) {
        try {
            long size = java.nio.file.Files.size(npy);
            if (size > MAX_ARRAY_BYTES) {
                throw new FeatureStoreException(npy + " has " + size + " bytes, more than the " + MAX_ARRAY_BYTES
                        + " accepted for one feature array");
            }
            return read(java.nio.file.Files.readAllBytes(npy), npy.toString());
        } catch (IOException e) {
            throw new FeatureStoreException("cannot read " + npy + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the bytes of an NPY file. The header is parsed as a Python dict literal ({@link NpyHeader}); the data
     * must be exactly the size the shape and dtype give (computed exactly, overflow refused) and values finite.
     *
     * @param bytes the whole file
     * @param source a name for messages
     * @return the array
     * @throws FeatureStoreException on a bad header, an unsupported dtype or order, or truncated data
     */
    public static NpyArray read(byte[] bytes, String source) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new FeatureStoreException(source + " is not an NPY file (bad magic)");
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new FeatureStoreException(source + ": truncated NPY header");
            }
            headerLength = buf.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new FeatureStoreException(source + ": unsupported NPY version " + major + "." + minor);
        }
        if (minor != 0) {
            throw new FeatureStoreException(source + ": unsupported NPY version " + major + "." + minor);
        }
        if (headerStart + headerLength > bytes.length) {
            throw new FeatureStoreException(source + ": truncated NPY header (it declares " + headerLength
                    + " bytes, the file has " + (bytes.length - headerStart) + " after the preamble)");
        }
        String header;
        try {
            header = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, headerStart, (int) headerLength)).toString();
        } catch (CharacterCodingException e) {
            throw new FeatureStoreException(source + ": the NPY header is not " + (major == 3 ? "UTF-8" : "ASCII")
                    + " text");
        }
        NpyHeader h = NpyHeader.parse(header, source);
        String dtype = h.descr();
        if (h.fortranOrder()) {
            throw new FeatureStoreException(
                    source + ": Fortran-order arrays are not supported (save with C order, e.g. np.ascontiguousarray)");
        }
        int itemSize = switch (dtype) {
            case "<f2" -> 2;
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new FeatureStoreException(
                    source + ": unsupported dtype '" + dtype + "' (supported: <f2, <f4, <f8)");
        };
        long dataStart = headerStart + headerLength;
        long available = bytes.length - dataStart;
        long count = 1;
        long needed;
        try {
            for (long d : h.shape()) {
                count = Math.multiplyExact(count, d);
            }
            needed = Math.multiplyExact(count, (long) itemSize);
        } catch (ArithmeticException e) {
            throw new FeatureStoreException(source + ": shape " + Arrays.toString(h.shape())
                    + " overflows 64-bit sizes");
        }
        if (needed > available) {
            throw new FeatureStoreException(
                    source + ": data truncated: shape " + Arrays.toString(h.shape()) + " of " + dtype + " needs "
                            + needed + " bytes, found " + available);
        }
        if (needed < available) {
            throw new FeatureStoreException(
                    source + ": " + (available - needed) + " unexpected bytes after the data of shape "
                            + Arrays.toString(h.shape()) + " of " + dtype);
        }
        int[] shape = new int[h.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) h.shape()[i]; // bounded by the file size above
        }
        float[] data = new float[(int) count];
        buf.position((int) dataStart);
        switch (itemSize) {
            case 2 -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = HalfFloats.halfToFloat(buf.getShort());
                }
            }
            case 4 -> buf.asFloatBuffer().get(data);
            default -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) buf.getDouble();
                }
            }
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new FeatureStoreException(source + ": holds " + data[i] + " at flat index " + i
                        + "; features must be finite");
            }
        }
        return new NpyArray(dtype, shape, data);
    }
}
