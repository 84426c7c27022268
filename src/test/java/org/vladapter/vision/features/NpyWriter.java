package org.vladapter.vision.features;

import org.vladapter.io.HalfFloats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test helper: writes NPY (version 1.0) and NPZ files the way numpy does. */
public final class NpyWriter {

    private NpyWriter() {}

    /**
     * @param rows a 2-D array
     * @param dtype {@code <f2}, {@code <f4} or {@code <f8}
     * @return the bytes of an NPY file
     */
    public static byte[] npy(float[][] rows, String dtype) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + rows.length + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        int item = switch (dtype) {
            case "<f2" -> 2;
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IllegalArgumentException(dtype);
        };
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + rows.length * cols * item).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float[] row : rows) {
            for (float v : row) {
                switch (item) {
                    case 2 -> buf.putShort(HalfFloats.floatToHalf(v));
                    case 4 -> buf.putFloat(v);
                    default -> buf.putDouble(v);
                }
            }
        }
        return buf.array();
    }

    /**
     * Writes an NPZ archive with one array {@code features}.
     *
     * @param file the target
     * @param rows the array
     * @param dtype the stored dtype
     */
    public static void npz(Path file, float[][] rows, String dtype) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("features.npy"));
            zip.write(npy(rows, dtype));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param rows number of rows
     * @param cols number of columns
     * @param seed value seed
     * @return a deterministic matrix with distinct values
     */
    public static float[][] matrix(int rows, int cols, int seed) {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = ((seed * 31 + r * 7 + c * 3) % 97) / 8f - 6f;
            }
        }
        return out;
    }

}
