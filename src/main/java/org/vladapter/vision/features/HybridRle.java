package org.vladapter.vision.features;

import java.io.IOException;

/**
 * Bulk decoder of Parquet's RLE / bit-packing hybrid encoding (levels and dictionary indices): runs are filled
 * and bit-packed groups unpacked in tight loops straight into the caller's array (levels as bytes, indices
 * already looked up in the dictionary), rather than one call and one boxed or intermediate value per element.
 */
final class HybridRle {

    /** Receives the decoded values: a run of one value, or single values. */
    private interface Sink {
        void run(int from, int count, int value) throws IOException;

        void one(int index, int value) throws IOException;
    }

    private HybridRle() {}

    /**
     * Decodes {@code n} levels into bytes.
     *
     * @param b the encoded bytes
     * @param start the first byte
     * @param end one past the last byte
     * @param bitWidth bits per value
     * @param n how many values
     * @return the values
     * @throws IOException when the bytes end early or are malformed
     */
    static byte[] levels(byte[] b, int start, int end, int bitWidth, int n) throws IOException {
        byte[] out = new byte[n];
        decode(b, start, end, bitWidth, n, new Sink() {
            @Override
            public void run(int from, int count, int value) {
                java.util.Arrays.fill(out, from, from + count, (byte) value);
            }

            @Override
            public void one(int index, int value) {
                out[index] = (byte) value;
            }
        });
        return out;
    }

    /**
     * @return whether all {@code n} values equal {@code expected}
     * @throws IOException when the bytes end early or are malformed
     */
    static boolean allEqual(byte[] b, int start, int end, int bitWidth, int n, int expected) throws IOException {
        boolean[] ok = {true};
        decode(b, start, end, bitWidth, n, new Sink() {
            @Override
            public void run(int from, int count, int value) {
                ok[0] &= value == expected;
            }

            @Override
            public void one(int index, int value) {
                ok[0] &= value == expected;
            }
        });
        return ok[0];
    }

    /**
     * Decodes {@code n} dictionary indices and looks each up.
     *
     * @param dictionary the dictionary's values
     * @return the looked-up values
     * @throws IOException when the bytes end early, are malformed or index outside the dictionary
     */
    static short[] lookup(byte[] b, int start, int end, int bitWidth, int n, short[] dictionary) throws IOException {
        short[] out = new short[n];
        decode(b, start, end, bitWidth, n, new Sink() {
            @Override
            public void run(int from, int count, int value) throws IOException {
                java.util.Arrays.fill(out, from, from + count, get(value));
            }

            @Override
            public void one(int index, int value) throws IOException {
                out[index] = get(value);
            }

            private short get(int k) throws IOException {
                if (k < 0 || k >= dictionary.length) {
                    throw new IOException("dictionary index " + k + " outside the dictionary of " + dictionary.length + " values");
                }
                return dictionary[k];
            }
        });
        return out;
    }

    private static void decode(byte[] b, int start, int end, int bitWidth, int n, Sink sink) throws IOException {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IOException("bit width " + bitWidth + " out of range");
        }
        int pos = start;
        int filled = 0;
        int byteWidth = (bitWidth + 7) / 8;
        long mask = bitWidth == 32 ? 0xFFFFFFFFL : (1L << bitWidth) - 1;
        while (filled < n) {
            long header = 0;
            int shift = 0;
            while (true) {
                if (pos >= end || shift > 35) {
                    throw new IOException("hybrid-encoded data ends after " + filled + " of " + n + " values");
                }
                int v = b[pos++] & 0xFF;
                header |= (long) (v & 0x7F) << shift;
                if ((v & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            if ((header & 1) == 0) {
                if (pos + byteWidth > end) {
                    throw new IOException("RLE run value past the end");
                }
                int value = 0;
                for (int i = 0; i < byteWidth; i++) {
                    value |= (b[pos + i] & 0xFF) << (8 * i);
                }
                pos += byteWidth;
                int m = (int) Math.min(header >>> 1, n - filled);
                sink.run(filled, m, value);
                filled += m;
            } else {
                long groups = header >>> 1;
                int m = (int) Math.min(groups * 8, n - filled);
                long acc = 0;
                int bits = 0;
                int p = pos;
                for (int i = 0; i < m; i++) {
                    while (bits < bitWidth) {
                        if (p >= end) {
                            throw new IOException("bit-packed run ends after " + (filled + i) + " of " + n + " values");
                        }
                        acc |= (long) (b[p++] & 0xFF) << bits;
                        bits += 8;
                    }
                    sink.one(filled + i, (int) (acc & mask));
                    acc >>>= bitWidth;
                    bits -= bitWidth;
                }
                filled += m;
                pos = (int) Math.min(end, pos + groups * bitWidth);
            }
        }
    }
}
