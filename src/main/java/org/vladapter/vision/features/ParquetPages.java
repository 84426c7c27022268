package org.vladapter.vision.features;

import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;

/**
 * Reads single Parquet pages of a column chunk at known file offsets and hands them to parquet-java's
 * column reader, so one row of a large shard is decoded without reading its whole column chunk (which
 * parquet-hadoop's file reader would do: ~800 MB per feature shard of the release).
 */
final class ParquetPages {

    private ParquetPages() {}

    /** A page header read at a file offset, and where its body starts. */
    record Header(PageHeader header, long bodyOffset) {}

    /**
     * @param channel the open file
     * @param offset where the page header starts
     * @return the header and the offset of the body after it
     */
    static Header readHeader(FileChannel channel, long offset) throws IOException {
        CountingStream in = new CountingStream(Channels.newInputStream(channel.position(offset)));
        PageHeader h = Util.readPageHeader(in);
        return new Header(h, offset + in.count);
    }

    static byte[] readBytes(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, offset + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + (offset + buf.position()));
            }
        }
        return buf.array();
    }

    /**
     * @param codec the chunk's compression
     * @param data compressed bytes
     * @param uncompressedSize the size after decompression
     * @return the decompressed bytes
     */
    static byte[] decompress(CompressionCodec codec, byte[] data, int uncompressedSize) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return data;
            case ZSTD: {
                byte[] out = new byte[uncompressedSize];
                int n = new ZstdDecompressor().decompress(data, 0, data.length, out, 0, out.length);
                return check(out, n, uncompressedSize, codec);
            }
            case SNAPPY: {
                byte[] out = new byte[uncompressedSize];
                int n = new SnappyDecompressor().decompress(data, 0, data.length, out, 0, out.length);
                return check(out, n, uncompressedSize, codec);
            }
            case GZIP:
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
                    byte[] out = in.readAllBytes();
                    return check(out, out.length, uncompressedSize, codec);
                }
            default:
                throw new IOException("unsupported Parquet compression " + codec + " (supported: ZSTD, SNAPPY, GZIP, none)");
        }
    }

    private static byte[] check(byte[] out, int n, int expected, CompressionCodec codec) throws IOException {
        if (n != expected) {
            throw new IOException(codec + " page decompressed to " + n + " bytes, header says " + expected);
        }
        return out;
    }

    /**
     * A parquet-java page reader over the given data pages (and the chunk's dictionary page, if any).
     *
     * @param channel the open file
     * @param codec the chunk's compression
     * @param column the column
     * @param dictionaryOffset the dictionary page's header offset, or -1
     * @param pageOffsets the data pages' header offsets, in order
     * @param totalValues the values in these pages together
     * @return the page reader
     */
    static PageReader reader(FileChannel channel, CompressionCodec codec, ColumnDescriptor column, long dictionaryOffset,
            List<Long> pageOffsets, long totalValues) throws IOException {
        DictionaryPage dictionary = null;
        if (dictionaryOffset >= 0) {
            Header h = readHeader(channel, dictionaryOffset);
            if (h.header().type != PageType.DICTIONARY_PAGE) {
                throw new IOException("expected a dictionary page at byte " + dictionaryOffset + ", found " + h.header().type);
            }
            byte[] body = decompress(codec, readBytes(channel, h.bodyOffset(), h.header().compressed_page_size),
                    h.header().uncompressed_page_size);
            dictionary = new DictionaryPage(BytesInput.from(body), h.header().dictionary_page_header.num_values,
                    Encoding.valueOf(h.header().dictionary_page_header.encoding.name()));
        }
        Deque<DataPage> pages = new ArrayDeque<>();
        for (long offset : pageOffsets) {
            pages.add(dataPage(channel, codec, column, offset));
        }
        DictionaryPage dict = dictionary;
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return dict;
            }

            @Override
            public long getTotalValueCount() {
                return totalValues;
            }

            @Override
            public DataPage readPage() {
                return pages.poll();
            }
        };
    }

    private static DataPage dataPage(FileChannel channel, CompressionCodec codec, ColumnDescriptor column, long offset) throws IOException {
        Header h = readHeader(channel, offset);
        PageHeader ph = h.header();
        byte[] raw = readBytes(channel, h.bodyOffset(), ph.compressed_page_size);
        Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
        if (ph.type == PageType.DATA_PAGE) {
            DataPageHeader d = ph.data_page_header;
            byte[] body = decompress(codec, raw, ph.uncompressed_page_size);
            return new DataPageV1(BytesInput.from(body), d.num_values, ph.uncompressed_page_size, stats,
                    Encoding.valueOf(d.repetition_level_encoding.name()), Encoding.valueOf(d.definition_level_encoding.name()),
                    Encoding.valueOf(d.encoding.name()));
        }
        if (ph.type == PageType.DATA_PAGE_V2) {
            DataPageHeaderV2 d = ph.data_page_header_v2;
            int levels = d.repetition_levels_byte_length + d.definition_levels_byte_length;
            BytesInput rep = BytesInput.from(raw, 0, d.repetition_levels_byte_length);
            BytesInput def = BytesInput.from(raw, d.repetition_levels_byte_length, d.definition_levels_byte_length);
            byte[] data = new byte[raw.length - levels];
            System.arraycopy(raw, levels, data, 0, data.length);
            boolean compressed = !d.isSetIs_compressed() || d.is_compressed;
            byte[] values = compressed ? decompress(codec, data, ph.uncompressed_page_size - levels) : data;
            return DataPageV2.uncompressed(d.num_rows, d.num_nulls, d.num_values, rep, def, Encoding.valueOf(d.encoding.name()),
                    BytesInput.from(values), stats);
        }
        throw new IOException("expected a data page at byte " + offset + ", found " + ph.type);
    }

    /** Counts the bytes a header parse consumed. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
