package org.vladapter.vision.features;

import java.io.IOException;

/**
 * Bulk decoder of Parquet's RLE / bit-packing hybrid encoding (levels and dictionary indices): runs are filled
 * and bit-packed groups unpacked in tight loops, rather than one call per value.
 */
final class HybridRle {

    private HybridRle() {}

    /**
     * Decodes {@code n} values.
     *
     * @param b the encoded bytes
     * @param start the first byte
     * @param end one past the last byte
     * @param bitWidth bits per value (0..32)
     * @param out where the values go
     * @param n how many values to decode
     * @throws IOException when the bytes end before {@code n} values or are malformed
     */
    static void decode(byte[] b, int start, int end, int bitWidth, int[] out, int n) throws IOException {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IOException("bit width " + bitWidth + " out of range");
        }
        int pos = start;
        int filled = 0;
        int byteWidth = (bitWidth + 7) / 8;
        long mask = bitWidth == 32 ? 0xFFFFFFFFL : (1L << bitWidth) - 1;
        while (filled < n) {
            if (pos >= end) {
                throw new IOException("hybrid-encoded data ends after " + filled + " of " + n + " values");
            }
            long header = 0;
            int shift = 0;
            while (true) {
                if (pos >= end || shift > 35) {
                    throw new IOException("malformed run header");
                }
                int v = b[pos++] & 0xFF;
                header |= (long) (v & 0x7F) << shift;
                if ((v & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            if ((header & 1) == 0) {
                long count = header >>> 1;
                if (pos + byteWidth > end) {
                    throw new IOException("RLE run value past the end");
                }
                int value = 0;
                for (int i = 0; i < byteWidth; i++) {
                    value |= (b[pos + i] & 0xFF) << (8 * i);
                }
                pos += byteWidth;
                int m = (int) Math.min(count, n - filled);
                java.util.Arrays.fill(out, filled, filled + m, value);
                filled += m;
            } else {
                long groups = header >>> 1;
                long bytes = groups * bitWidth;
                if (pos + bytes > end) {
                    // a last group may be cut short only if its values are not needed; decode what is there
                    bytes = end - pos;
                }
                long values = groups * 8;
                int m = (int) Math.min(values, n - filled);
                long acc = 0;
                int bits = 0;
                int p = pos;
                int limit = (int) (pos + bytes);
                for (int i = 0; i < m; i++) {
                    while (bits < bitWidth) {
                        if (p >= limit) {
                            throw new IOException("bit-packed run ends after " + (filled + i) + " of " + n + " values");
                        }
                        acc |= (long) (b[p++] & 0xFF) << bits;
                        bits += 8;
                    }
                    out[filled + i] = (int) (acc & mask);
                    acc >>>= bitWidth;
                    bits -= bitWidth;
                }
                filled += m;
                pos = (int) (pos + Math.min(groups * bitWidth, end - pos));
            }
        }
    }
}
