package org.vladapter.vision.features;

import org.vladapter.io.HalfFloats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * Reads one array of an NPZ archive.
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
                zip.stream().forEach(e -> names.append(names.length() == 0 ? "" : ", ").append(e.getName()));
                throw new FeatureStoreException(
                        "no array '" + name + "' in " + npz + " (entries: " + names + ")");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return read(in.readAllBytes(), npz + ":" + entry.getName());
            }
        } catch (IOException e) {
            throw new FeatureStoreException("cannot read " + npz + ": " + e.getMessage(), e);
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
            return read(java.nio.file.Files.readAllBytes(npy), npy.toString());
        } catch (IOException e) {
            throw new FeatureStoreException("cannot read " + npy + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the bytes of an NPY file.
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
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new FeatureStoreException(source + ": truncated NPY header");
            }
            headerLength = buf.getInt(8);
            headerStart = 12;
        } else {
            throw new FeatureStoreException(source + ": unsupported NPY version " + major);
        }
        if (headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw new FeatureStoreException(source + ": truncated NPY header");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String dtype = group(DESCR, header, "descr", source);
        if (group(FORTRAN, header, "fortran_order", source).equals("True")) {
            throw new FeatureStoreException(
                    source + ": Fortran-order arrays are not supported (save with C order, e.g. np.ascontiguousarray)");
        }
        int[] shape = parseShape(group(SHAPE, header, "shape", source), source);
        int itemSize = switch (dtype) {
            case "<f2" -> 2;
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new FeatureStoreException(
                    source + ": unsupported dtype '" + dtype + "' (supported: <f2, <f4, <f8)");
        };
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int dataStart = headerStart + headerLength;
        long needed = count * itemSize;
        if (count > Integer.MAX_VALUE || bytes.length - dataStart < needed) {
            throw new FeatureStoreException(
                    source + ": data truncated: shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                            + needed + " bytes, found " + (bytes.length - dataStart));
        }
        float[] data = new float[(int) count];
        buf.position(dataStart);
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
        return new NpyArray(dtype, shape, data);
    }

    private static String group(Pattern pattern, String header, String key, String source) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new FeatureStoreException(source + ": NPY header has no '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, String source) {
        String[] parts = text.split(",");
        return Arrays.stream(parts)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .mapToInt(s -> {
                    try {
                        return Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
                    } catch (NumberFormatException e) {
                        throw new FeatureStoreException(source + ": bad NPY shape (" + text + ")");
                    }
                })
                .toArray();
    }
}
