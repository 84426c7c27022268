package org.vladapter.vision.features;

import org.vladapter.io.HalfFloats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.vladapter.io.AtomicFiles;

/**
 * Writes {@code .npz} archives as {@code np.savez} does (a stored zip of {@code <name>.npy} entries, NPY format
 * 1.0, C order), with a fixed entry time so the same array gives the same bytes. Written atomically.
 */
public final class NpzWriter {

    /** Entry timestamp (1980-01-01, the zip epoch), fixed for reproducible archives. */
    private static final long ENTRY_TIME = 315532800000L;

    private NpzWriter() {}

    /**
     * @param file the target
     * @param name the array name ({@code features})
     * @param rows a 2-D array [L][D]
     * @param float16 store as {@code <f2} (else {@code <f4})
     * @throws IOException on a write error
     */
    public static void write(Path file, String name, float[][] rows, boolean float16) throws IOException {
        byte[] npy = npy(rows, float16 ? "<f2" : "<f4");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(npy.length + 200);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry(name + ".npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(npy.length);
            e.setCompressedSize(npy.length);
            CRC32 crc = new CRC32();
            crc.update(npy);
            e.setCrc(crc.getValue());
            e.setTime(ENTRY_TIME);
            zip.putNextEntry(e);
            zip.write(npy);
            zip.closeEntry();
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /**
     * @param rows [L][D]
     * @param dtype {@code <f2} or {@code <f4}
     * @return the bytes of an NPY 1.0 file
     */
    public static byte[] npy(float[][] rows, String dtype) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + rows.length + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        int item = dtype.equals("<f2") ? 2 : 4;
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + rows.length * cols * item).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float[] row : rows) {
            for (float v : row) {
                if (item == 2) {
                    buf.putShort(HalfFloats.floatToHalf(v));
                } else {
                    buf.putFloat(v);
                }
            }
        }
        return buf.array();
    }
}
