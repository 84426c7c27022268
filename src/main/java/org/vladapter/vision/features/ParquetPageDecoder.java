package org.vladapter.vision.features;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;

/**
 * Decodes a whole page of the features column in one pass into 16-bit values and repetition levels, for the
 * encodings the release uses: levels RLE-encoded, values PLAIN or dictionary-encoded (RLE_DICTIONARY /
 * PLAIN_DICTIONARY) 2-byte FLOAT16, no nulls. Anything else (BIT_PACKED levels, other encodings, a null value)
 * gives {@code null}, and the caller falls back to parquet-java's value-by-value column reader, which handles
 * every layout and reports errors precisely.
 */
final class ParquetPageDecoder {

    /**
     * A decoded page.
     *
     * @param halves the values, as float16 bits
     * @param repetition the repetition level of every value ({@code null} for a dictionary page)
     */
    record Decoded(short[] halves, byte[] repetition) {
        /** @return the bytes this page holds on the heap */
        long bytes() {
            return 2L * halves.length + (repetition == null ? 0 : repetition.length) + 64;
        }
    }

    private ParquetPageDecoder() {}

    /**
     * @param channel the shard
     * @param codec the chunk's compression
     * @param offset the dictionary page's header offset
     * @return the dictionary's values, or {@code null} when it is not PLAIN 2-byte values
     */
    static Decoded dictionary(FileChannel channel, CompressionCodec codec, long offset) throws IOException {
        ParquetPages.Header h = ParquetPages.readHeader(channel, offset);
        PageHeader ph = h.header();
        if (ph.type != PageType.DICTIONARY_PAGE || !plain(ph.dictionary_page_header.encoding)) {
            return null;
        }
        byte[] body = ParquetPages.decompress(codec, ParquetPages.readBytes(channel, h.bodyOffset(), ph.compressed_page_size),
                ph.uncompressed_page_size);
        int n = ph.dictionary_page_header.num_values;
        if (body.length < 2L * n) {
            return null;
        }
        return new Decoded(halves(body, 0, n), null);
    }

    /**
     * @param channel the shard
     * @param codec the chunk's compression
     * @param offset the data page's header offset
     * @param maxRep the column's maximum repetition level
     * @param maxDef the column's maximum definition level
     * @param dictionary the chunk's dictionary, or {@code null}
     * @return the page, or {@code null} when its layout needs the general reader
     */
    static Decoded data(FileChannel channel, CompressionCodec codec, long offset, int maxRep, int maxDef, Decoded dictionary)
            throws IOException {
        ParquetPages.Header h = ParquetPages.readHeader(channel, offset);
        PageHeader ph = h.header();
        byte[] raw = ParquetPages.readBytes(channel, h.bodyOffset(), ph.compressed_page_size);
        if (ph.type == PageType.DATA_PAGE) {
            DataPageHeader d = ph.data_page_header;
            if (d.repetition_level_encoding != Encoding.RLE || d.definition_level_encoding != Encoding.RLE) {
                return null;
            }
            int n = d.num_values;
            byte[] body = ParquetPages.decompress(codec, raw, ph.uncompressed_page_size);
            int pos = 0;
            int[] span = new int[2];
            int repStart = pos;
            int repLen = 0;
            if (maxRep > 0) {
                repLen = lengthPrefixed(body, pos, span);
                repStart = span[0];
                pos = span[1];
            }
            int defStart = pos;
            int defLen = 0;
            if (maxDef > 0) {
                defLen = lengthPrefixed(body, pos, span);
                defStart = span[0];
                pos = span[1];
            }
            if (pos < 0) {
                return null;
            }
            byte[] rep = levels(body, repStart, repLen, maxRep, n);
            if (!allEqual(body, defStart, defLen, maxDef, n)) {
                return null;
            }
            return finish(n, d.encoding, body, pos, rep, dictionary);
        }
        if (ph.type == PageType.DATA_PAGE_V2) {
            DataPageHeaderV2 d = ph.data_page_header_v2;
            if (d.num_nulls != 0) {
                return null;
            }
            int n = d.num_values;
            int levels = d.repetition_levels_byte_length + d.definition_levels_byte_length;
            byte[] rep = levels(raw, 0, d.repetition_levels_byte_length, maxRep, n);
            if (!allEqual(raw, d.repetition_levels_byte_length, d.definition_levels_byte_length, maxDef, n)) {
                return null;
            }
            byte[] data = java.util.Arrays.copyOfRange(raw, levels, raw.length);
            boolean compressed = !d.isSetIs_compressed() || d.is_compressed;
            byte[] values = compressed ? ParquetPages.decompress(codec, data, ph.uncompressed_page_size - levels) : data;
            return finish(n, d.encoding, values, 0, rep, dictionary);
        }
        return null;
    }

    private static Decoded finish(int n, Encoding encoding, byte[] values, int start, byte[] rep, Decoded dictionary)
            throws IOException {
        if (plain(encoding)) {
            return values.length - start < 2L * n ? null : new Decoded(halves(values, start, n), rep);
        }
        if ((encoding == Encoding.RLE_DICTIONARY || encoding == Encoding.PLAIN_DICTIONARY) && dictionary != null
                && start < values.length) {
            int bitWidth = values[start] & 0xFF;
            return new Decoded(HybridRle.lookup(values, start + 1, values.length, bitWidth, n, dictionary.halves()), rep);
        }
        return null;
    }

    private static boolean plain(Encoding e) {
        return e == Encoding.PLAIN || e == Encoding.PLAIN_DICTIONARY;
    }

    /** Reads a 4-byte little-endian length at pos; span = [start, end] of the levels, end = -1 when out of bounds. */
    private static int lengthPrefixed(byte[] b, int pos, int[] span) {
        if (pos < 0 || pos + 4 > b.length) {
            span[1] = -1;
            return 0;
        }
        int len = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
        if (len < 0 || pos + 4 + len > b.length) {
            span[1] = -1;
            return 0;
        }
        span[0] = pos + 4;
        span[1] = pos + 4 + len;
        return len;
    }

    private static byte[] levels(byte[] b, int start, int len, int max, int n) throws IOException {
        return max == 0 ? new byte[n] : HybridRle.levels(b, start, start + len, bitWidth(max), n);
    }

    private static boolean allEqual(byte[] b, int start, int len, int max, int n) throws IOException {
        return max == 0 || HybridRle.allEqual(b, start, start + len, bitWidth(max), n, max);
    }

    private static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    private static short[] halves(byte[] b, int start, int n) {
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            int p = start + 2 * i;
            out[i] = (short) ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
        }
        return out;
    }
}
