package org.vladapter.vision.features;

import org.vladapter.io.HalfFloats;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.ChecksumUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes feature files in the release layout ({@code <id>/features}), as float32 or as float16 like the
 * released CLIP features. Files are written to a temporary name and renamed into place.
 *
 * <p>jhdf 0.9.4 writes only 32/64-bit floats. For float16 the file is written as float32 and then
 * narrowed in place: each dataset's datatype message becomes IEEE half precision, its contiguous data is
 * rewritten as halves (round-to-nearest-even) and its object-header checksum is recomputed. The result is
 * read back and compared before it replaces the target, so a jhdf version that lays files out differently
 * fails loudly instead of writing a wrong file.
 */
public final class Hdf5FeatureWriter {

    /** Storage precision of the written features. */
    public enum Precision {
        /** IEEE half precision, as the release. */
        FLOAT16,
        /** IEEE single precision. */
        FLOAT32
    }

    private static final int MSG_DATATYPE = 3;
    private static final int MSG_LAYOUT = 8;

    private Hdf5FeatureWriter() {}

    /**
     * Writes one per-image file: group {@code id}, dataset {@code features}.
     *
     * @param file the target ({@code <id>.h5} by convention)
     * @param id the image id
     * @param features rows [N][F]
     * @param precision float16 or float32
     */
    public static void writeImage(Path file, String id, float[][] features, Precision precision) {
        Map<String, float[][]> one = new LinkedHashMap<>();
        one.put(id, features);
        writeMany(file, one, precision);
    }

    /**
     * Writes one multi-image file with a group per id, each holding a dataset {@code features}.
     *
     * @param file the target
     * @param features rows [N][F] by id, written in iteration order
     * @param precision float16 or float32
     */
    public static void writeMany(Path file, Map<String, float[][]> features, Precision precision) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                for (Map.Entry<String, float[][]> e : features.entrySet()) {
                    WritableGroup group = out.putGroup(e.getKey());
                    group.putDataset(Hdf5Features.DATASET, e.getValue());
                }
            }
            if (precision == Precision.FLOAT16) {
                narrowToHalf(tmp, features);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static void narrowToHalf(Path file, Map<String, float[][]> features) throws IOException {
        List<Long> headers = new ArrayList<>();
        try (HdfFile hdf = new HdfFile(file)) {
            for (String id : features.keySet()) {
                Dataset dataset = (Dataset) hdf.getByPath(id + "/" + Hdf5Features.DATASET);
                headers.add(dataset.getAddress());
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes[9] != 8 || bytes[10] != 8) {
            throw new IllegalStateException(file + ": unexpected superblock (offset/length sizes " + bytes[9] + "/" + bytes[10] + ")");
        }
        for (long address : headers) {
            narrowDataset(buf, (int) address, file);
        }
        Files.write(file, bytes);
        verify(file, features);
    }

    private static void narrowDataset(ByteBuffer buf, int header, Path file) {
        if (buf.get(header) != 'O' || buf.get(header + 1) != 'H' || buf.get(header + 2) != 'D' || buf.get(header + 3) != 'R'
                || buf.get(header + 4) != 2) {
            throw new IllegalStateException(file + ": expected a version-2 object header at " + header);
        }
        int flags = buf.get(header + 5) & 0xff;
        int pos = header + 6;
        if ((flags & 0x20) != 0) {
            pos += 16;
        }
        if ((flags & 0x10) != 0) {
            pos += 4;
        }
        int sizeBytes = 1 << (flags & 3);
        long chunk = switch (sizeBytes) {
            case 1 -> buf.get(pos) & 0xff;
            case 2 -> buf.getShort(pos) & 0xffff;
            case 4 -> buf.getInt(pos) & 0xffffffffL;
            default -> buf.getLong(pos);
        };
        pos += sizeBytes;
        int end = (int) (pos + chunk);
        int messageHeader = (flags & 0x04) != 0 ? 6 : 4;
        int datatype = -1;
        int layout = -1;
        for (int p = pos; p + messageHeader <= end; ) {
            int type = buf.get(p) & 0xff;
            int size = buf.getShort(p + 1) & 0xffff;
            int body = p + messageHeader;
            if (type == MSG_DATATYPE) {
                datatype = body;
            } else if (type == MSG_LAYOUT) {
                layout = body;
            }
            p = body + size;
        }
        if (datatype < 0 || layout < 0) {
            throw new IllegalStateException(file + ": dataset header at " + header + " lacks a datatype or layout message");
        }
        boolean float32 = (buf.get(datatype) & 0x0f) == 1 && buf.getInt(datatype + 4) == 4 && buf.getShort(datatype + 10) == 32;
        boolean contiguous = buf.get(layout) == 3 && buf.get(layout + 1) == 1;
        if (!float32 || !contiguous) {
            throw new IllegalStateException(file + ": dataset at " + header + " is not a contiguous float32 dataset");
        }
        // datatype: little endian, implied msb, sign bit 15; size 2; offset 0, precision 16,
        // exponent at 10 (5 bits), mantissa at 0 (10 bits), bias 15
        buf.put(datatype + 1, (byte) 0x20);
        buf.put(datatype + 2, (byte) 15);
        buf.put(datatype + 3, (byte) 0);
        buf.putInt(datatype + 4, 2);
        buf.putShort(datatype + 8, (short) 0);
        buf.putShort(datatype + 10, (short) 16);
        buf.put(datatype + 12, (byte) 10);
        buf.put(datatype + 13, (byte) 5);
        buf.put(datatype + 14, (byte) 0);
        buf.put(datatype + 15, (byte) 10);
        buf.putInt(datatype + 16, 15);

        int data = (int) buf.getLong(layout + 2);
        long bytes = buf.getLong(layout + 10);
        int count = (int) (bytes / 4);
        for (int i = 0; i < count; i++) {
            buf.putShort(data + 2 * i, HalfFloats.floatToHalf(buf.getFloat(data + 4 * i)));
        }
        buf.putLong(layout + 10, bytes / 2);

        byte[] covered = new byte[end - header];
        buf.get(header, covered);
        buf.putInt(end, ChecksumUtils.checksum(covered));
    }

    private static void verify(Path file, Map<String, float[][]> features) {
        try (HdfFile hdf = new HdfFile(file)) {
            for (Map.Entry<String, float[][]> e : features.entrySet()) {
                float[][] read = (float[][]) hdf.getDatasetByPath(e.getKey() + "/" + Hdf5Features.DATASET).getData();
                float[][] want = e.getValue();
                for (int r = 0; r < want.length; r++) {
                    for (int c = 0; c < want[r].length; c++) {
                        float expected = HalfFloats.halfToFloat(HalfFloats.floatToHalf(want[r][c]));
                        if (Float.compare(read[r][c], expected) != 0) {
                            throw new IllegalStateException(
                                    file + ": float16 narrowing check failed at " + e.getKey() + "[" + r + "][" + c + "]");
                        }
                    }
                }
            }
        }
    }
}
