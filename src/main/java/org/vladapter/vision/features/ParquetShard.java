package org.vladapter.vision.features;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.vladapter.io.HalfFloats;

/**
 * One Parquet shard of the Hub feature release: rows of {@code id} (string) and {@code features}
 * ({@code fixed_size_list<fixed_size_list<float16>[F]>[N]}, stored by Parquet as a list of lists of
 * 2-byte {@code FLOAT16} values). Opening it reads the footer, the ids and the position of every page of
 * the features column; {@link #read} then decodes only the one or two pages that hold a row (each whole, in one
 * pass, kept in a {@link ParquetPageCache}).
 */
final class ParquetShard {

    /** The pages of one row group's features column chunk. */
    record Chunk(CompressionCodec codec, long dictionaryOffset, long[] pageOffsets, long[] pageFirstValue, long totalValues) {}

    /** A row group: its first row in the shard, its row count, its features pages. */
    record Group(long firstRow, int rows, long valuesPerRow, Chunk features) {}

    private final Path file;
    private final long size;
    private final long modified;
    private final String createdBy;
    private final String[] featurePath;
    private final int featureMaxRep;
    private final int featureMaxDef;
    private final List<Group> groups;
    private final List<String> ids;

    private ParquetShard(Path file, long size, long modified, String createdBy, String[] featurePath, int maxRep, int maxDef,
            List<Group> groups, List<String> ids) {
        this.file = file;
        this.size = size;
        this.modified = modified;
        this.createdBy = createdBy;
        this.featurePath = featurePath;
        this.featureMaxRep = maxRep;
        this.featureMaxDef = maxDef;
        this.groups = groups;
        this.ids = ids;
    }

    /** @return the shard file */
    Path file() {
        return file;
    }

    /** @return the ids, in row order */
    List<String> ids() {
        return ids;
    }

    /** @return whether the file on disk still has the size and modification time this index was built from */
    boolean isCurrent() throws IOException {
        return Files.size(file) == size && Files.getLastModifiedTime(file).toMillis() == modified;
    }

    /**
     * Reads a shard's footer, ids and page positions.
     *
     * @param file a {@code part-NNNNN.parquet} file
     * @return the shard
     * @throws FeatureStoreException naming the file when it is not a Parquet file of the release schema
     */
    static ParquetShard open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            FileMetaData meta = footer(ch, file);
            List<Leaf> leaves = new ArrayList<>();
            walk(meta.schema, new int[] {1}, meta.schema.get(0).num_children, new ArrayList<>(), 0, 0, leaves);
            Leaf id = leaves.stream().filter(l -> l.path.length == 1 && l.path[0].equals("id")).findFirst().orElseThrow(
                    () -> new FeatureStoreException(file + ": no 'id' column (columns: " + names(leaves) + ")"));
            Leaf features = leaves.stream().filter(l -> l.path[0].equals("features")).findFirst().orElseThrow(
                    () -> new FeatureStoreException(file + ": no 'features' column (columns: " + names(leaves) + ")"));
            if (id.element.type != Type.BYTE_ARRAY || id.maxRep != 0) {
                throw new FeatureStoreException(file + ": column 'id' is not a string column");
            }
            boolean half = features.element.type == Type.FIXED_LEN_BYTE_ARRAY && features.element.type_length == 2
                    && (features.element.logicalType == null || features.element.logicalType.isSetFLOAT16());
            if (!half || features.maxRep != 2) {
                throw new FeatureStoreException(file + ": column 'features' is not a list of lists of float16 (found "
                        + features.element.type + (features.element.isSetType_length() ? "(" + features.element.type_length + ")" : "")
                        + " with " + features.maxRep + " list levels)");
            }
            ColumnDescriptor idColumn = idDescriptor(id.maxDef);
            String createdBy = meta.isSetCreated_by() ? meta.created_by : null;
            List<Group> groups = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            long firstRow = 0;
            for (RowGroup rg : meta.row_groups) {
                ColumnMetaData idMeta = column(rg, id.path, file).meta_data;
                ColumnMetaData fMeta = column(rg, features.path, file).meta_data;
                Chunk idChunk = pages(ch, idMeta, file);
                PageReader pr = ParquetPages.reader(ch, idMeta.codec, idColumn, idChunk.dictionaryOffset(),
                        Arrays.stream(idChunk.pageOffsets()).boxed().toList(), idChunk.totalValues());
                ColumnReaderImpl r = new ColumnReaderImpl(idColumn, pr, new PrimitiveConverter() {}, version(createdBy));
                for (long i = 0; i < idMeta.num_values; i++) {
                    if (r.getCurrentDefinitionLevel() != id.maxDef) {
                        throw new FeatureStoreException(file + ": null id in row " + (firstRow + i));
                    }
                    ids.add(r.getBinary().toStringUsingUTF8());
                    r.consume();
                }
                if (rg.num_rows <= 0 || fMeta.num_values % rg.num_rows != 0) {
                    throw new FeatureStoreException(file + ": row group with " + rg.num_rows + " rows holds " + fMeta.num_values
                            + " feature values, not a fixed number per row");
                }
                groups.add(new Group(firstRow, (int) rg.num_rows, fMeta.num_values / rg.num_rows, pages(ch, fMeta, file)));
                firstRow += rg.num_rows;
            }
            if (ids.size() != firstRow) {
                throw new FeatureStoreException(file + ": " + ids.size() + " ids for " + firstRow + " rows");
            }
            return new ParquetShard(file, size, Files.getLastModifiedTime(file).toMillis(), createdBy, features.path,
                    features.maxRep, features.maxDef, List.copyOf(groups), List.copyOf(ids));
        } catch (IOException | RuntimeException e) {
            if (e instanceof FeatureStoreException f) {
                throw f;
            }
            throw new FeatureStoreException("cannot read Parquet shard " + file + ": " + e.getMessage(), e);
        }
    }

    private static String names(List<Leaf> leaves) {
        return leaves.stream().map(l -> String.join(".", l.path)).toList().toString();
    }

    private static FileMetaData footer(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 12) {
            throw new FeatureStoreException(file + " is too short to be a Parquet file (" + size + " bytes)");
        }
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(tail, size - 8);
        if (tail.get(4) != 'P' || tail.get(5) != 'A' || tail.get(6) != 'R' || tail.get(7) != '1') {
            throw new FeatureStoreException(file + " is not a Parquet file (no PAR1 trailer; encrypted footers are not read)");
        }
        int length = tail.getInt(0);
        if (length <= 0 || length > size - 12) {
            throw new FeatureStoreException(file + ": invalid footer length " + length);
        }
        ByteBuffer footer = ByteBuffer.allocate(length);
        while (footer.hasRemaining()) {
            if (ch.read(footer, size - 8 - length + footer.position()) < 0) {
                throw new IOException("truncated footer");
            }
        }
        return Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
    }

    /** A leaf column: its path, max levels, and schema element. */
    private record Leaf(String[] path, int maxRep, int maxDef, SchemaElement element) {}

    private static void walk(List<SchemaElement> schema, int[] next, int children, List<String> path, int rep, int def, List<Leaf> out) {
        for (int c = 0; c < children; c++) {
            SchemaElement e = schema.get(next[0]++);
            int r = rep + (e.repetition_type == FieldRepetitionType.REPEATED ? 1 : 0);
            int d = def + (e.repetition_type == FieldRepetitionType.REQUIRED ? 0 : 1);
            List<String> p = new ArrayList<>(path);
            p.add(e.name);
            if (e.isSetNum_children() && e.num_children > 0) {
                walk(schema, next, e.num_children, p, r, d, out);
            } else {
                out.add(new Leaf(p.toArray(String[]::new), r, d, e));
            }
        }
    }

    private static ColumnChunk column(RowGroup rg, String[] path, Path file) {
        for (ColumnChunk c : rg.columns) {
            if (c.meta_data != null && c.meta_data.path_in_schema.equals(Arrays.asList(path))) {
                return c;
            }
        }
        throw new FeatureStoreException(file + ": a row group lacks column " + String.join(".", path));
    }

    private static Chunk pages(FileChannel ch, ColumnMetaData meta, Path file) throws IOException {
        long start = meta.data_page_offset;
        if (meta.isSetDictionary_page_offset() && meta.dictionary_page_offset > 0 && meta.dictionary_page_offset < start) {
            start = meta.dictionary_page_offset;
        }
        long end = start + meta.total_compressed_size;
        long dictionary = -1;
        List<Long> offsets = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        long values = 0;
        for (long pos = start; pos < end; ) {
            ParquetPages.Header h = ParquetPages.readHeader(ch, pos);
            PageType t = h.header().type;
            if (t == PageType.DICTIONARY_PAGE) {
                dictionary = pos;
            } else if (t == PageType.DATA_PAGE || t == PageType.DATA_PAGE_V2) {
                offsets.add(pos);
                firsts.add(values);
                values += t == PageType.DATA_PAGE ? h.header().data_page_header.num_values : h.header().data_page_header_v2.num_values;
            }
            pos = h.bodyOffset() + h.header().compressed_page_size;
        }
        if (values != meta.num_values) {
            throw new FeatureStoreException(file + ": pages of column " + String.join(".", meta.path_in_schema) + " hold " + values
                    + " values, the footer says " + meta.num_values);
        }
        return new Chunk(meta.codec, dictionary, offsets.stream().mapToLong(Long::longValue).toArray(),
                firsts.stream().mapToLong(Long::longValue).toArray(), values);
    }

    private static ColumnDescriptor idDescriptor(int maxDef) {
        return new ColumnDescriptor(new String[] {"id"}, maxDef > 0 ? Types.optional(PrimitiveTypeName.BINARY).named("id")
                : Types.required(PrimitiveTypeName.BINARY).named("id"), 0, maxDef);
    }

    private ColumnDescriptor featureDescriptor() {
        return new ColumnDescriptor(featurePath, Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(2)
                .named(featurePath[featurePath.length - 1]), featureMaxRep, featureMaxDef);
    }

    private static VersionParser.ParsedVersion version(String createdBy) {
        try {
            return createdBy == null ? null : VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Decodes one row's features, float16 → float32 exactly. The page(s) holding the row are decoded whole, in one
     * pass, and kept in {@code cache}, so the other rows of a page cost no decoding while it stays cached; layouts
     * the bulk decoder does not cover go through parquet-java's column reader.
     *
     * @param row the row in the shard
     * @param id its id, for messages
     * @param cache decoded pages
     * @return the rows [N][F]
     */
    float[][] read(int row, String id, ParquetPageCache cache) {
        int gi = -1;
        for (int i = 0; i < groups.size(); i++) {
            Group candidate = groups.get(i);
            if (row >= candidate.firstRow() && row < candidate.firstRow() + candidate.rows()) {
                gi = i;
            }
        }
        if (gi < 0) {
            throw new FeatureStoreException(file + " has no row " + row + " (id " + id + ")");
        }
        Group g = groups.get(gi);
        Chunk c = g.features();
        long first = (row - g.firstRow()) * g.valuesPerRow();
        long last = first + g.valuesPerRow();
        int p0 = Arrays.binarySearch(c.pageFirstValue(), first);
        p0 = p0 >= 0 ? p0 : -p0 - 2;
        short[] halves = new short[(int) g.valuesPerRow()];
        byte[] reps = new byte[halves.length];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetPageDecoder.Decoded dictionary = null;
            if (c.dictionaryOffset() >= 0) {
                ParquetPageCache.Key key = new ParquetPageCache.Key(file, gi, -1);
                dictionary = cache.get(key);
                if (dictionary == null) {
                    dictionary = ParquetPageDecoder.dictionary(ch, c.codec(), c.dictionaryOffset());
                    if (dictionary == null) {
                        return readWithColumnReader(row, id, g);
                    }
                    cache.put(key, dictionary);
                }
            }
            for (int p = p0; p < c.pageOffsets().length && c.pageFirstValue()[p] < last; p++) {
                ParquetPageCache.Key key = new ParquetPageCache.Key(file, gi, p);
                ParquetPageDecoder.Decoded page = cache.get(key);
                if (page == null) {
                    page = ParquetPageDecoder.data(ch, c.codec(), c.pageOffsets()[p], featureMaxRep, featureMaxDef, dictionary);
                    if (page == null) {
                        return readWithColumnReader(row, id, g);
                    }
                    cache.put(key, page);
                }
                long pageFirst = c.pageFirstValue()[p];
                long from = Math.max(first, pageFirst);
                long to = Math.min(last, pageFirst + page.halves().length);
                System.arraycopy(page.halves(), (int) (from - pageFirst), halves, (int) (from - first), (int) (to - from));
                System.arraycopy(page.repetition(), (int) (from - pageFirst), reps, (int) (from - first), (int) (to - from));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FeatureStoreException f) {
                throw f;
            }
            throw new FeatureStoreException("cannot read row " + row + " (id " + id + ") of " + file + ": " + e.getMessage(), e);
        }
        return matrix(halves, reps, row, id);
    }

    /** Checks the repetition levels of values 0..n-1 of a row: 0 starts the row, and only there. */
    private void checkAligned(byte[] reps, int n, int row, String id) {
        for (int i = 0; i <= n && i < reps.length; i++) {
            if (i == 0 ? reps[i] != 0 : reps[i] == 0) {
                throw new FeatureStoreException(file + ": row " + row + " (id " + id + ") is not aligned to its values");
            }
        }
    }

    /** The row's [N][F] matrix from its values and repetition levels (level <= 1 opens an inner list). */
    private float[][] matrix(short[] halves, byte[] reps, int row, String id) {
        checkAligned(reps, reps.length - 1, row, id);
        int lists = 0;
        for (byte r : reps) {
            if (r <= 1) {
                lists++;
            }
        }
        if (lists == 0 || halves.length % lists != 0) {
            throw new FeatureStoreException(file + ": row " + row + " (id " + id + ") has inner lists of unequal length");
        }
        int cols = halves.length / lists;
        float[][] out = new float[lists][cols];
        for (int i = 0; i < halves.length; i++) {
            out[i / cols][i % cols] = HalfFloats.halfToFloat(halves[i]);
        }
        return out;
    }

    /**
     * Decodes one row's features value by value with parquet-java's column reader (every page layout; exact errors).
     */
    float[][] readWithColumnReader(int row, String id) {
        for (Group g : groups) {
            if (row >= g.firstRow() && row < g.firstRow() + g.rows()) {
                return readWithColumnReader(row, id, g);
            }
        }
        throw new FeatureStoreException(file + " has no row " + row + " (id " + id + ")");
    }

    private float[][] readWithColumnReader(int row, String id, Group g) {
        Chunk c = g.features();
        long first = (row - g.firstRow()) * g.valuesPerRow();
        long last = first + g.valuesPerRow();
        int p0 = Arrays.binarySearch(c.pageFirstValue(), first);
        p0 = p0 >= 0 ? p0 : -p0 - 2;
        List<Long> offsets = new ArrayList<>();
        long total = 0;
        for (int p = p0; p < c.pageOffsets().length && c.pageFirstValue()[p] < last; p++) {
            offsets.add(c.pageOffsets()[p]);
            long end = p + 1 < c.pageOffsets().length ? c.pageFirstValue()[p + 1] : c.totalValues();
            total += end - c.pageFirstValue()[p];
        }
        ColumnDescriptor column = featureDescriptor();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            PageReader pr = ParquetPages.reader(ch, c.codec(), column, c.dictionaryOffset(), offsets, total);
            ColumnReaderImpl r = new ColumnReaderImpl(column, pr, new PrimitiveConverter() {}, version(createdBy));
            for (long skip = first - c.pageFirstValue()[p0]; skip > 0; skip--) {
                r.skip();
                r.consume();
            }
            short[] halves = new short[(int) g.valuesPerRow()];
            byte[] reps = new byte[halves.length];
            for (int i = 0; i < halves.length; i++) {
                reps[i] = (byte) r.getCurrentRepetitionLevel();
                if (r.getCurrentDefinitionLevel() != featureMaxDef) {
                    checkAligned(reps, i, row, id);
                    throw new FeatureStoreException(file + ": row " + row + " (id " + id + ") has a null feature value");
                }
                byte[] b = r.getBinary().getBytesUnsafe();
                halves[i] = (short) ((b[0] & 0xff) | (b[1] & 0xff) << 8);
                r.consume();
            }
            return matrix(halves, reps, row, id);
        } catch (IOException | RuntimeException e) {
            if (e instanceof FeatureStoreException f) {
                throw f;
            }
            throw new FeatureStoreException("cannot read row " + row + " (id " + id + ") of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this index (not the data) for {@link #readIndex}. */
    void writeIndex(DataOutputStream out) throws IOException {
        out.writeUTF(file.getFileName().toString());
        out.writeLong(size);
        out.writeLong(modified);
        out.writeUTF(createdBy == null ? "" : createdBy);
        out.writeInt(featurePath.length);
        for (String s : featurePath) {
            out.writeUTF(s);
        }
        out.writeInt(featureMaxRep);
        out.writeInt(featureMaxDef);
        out.writeInt(groups.size());
        for (Group g : groups) {
            out.writeLong(g.firstRow());
            out.writeInt(g.rows());
            out.writeLong(g.valuesPerRow());
            Chunk c = g.features();
            out.writeInt(c.codec().getValue());
            out.writeLong(c.dictionaryOffset());
            out.writeLong(c.totalValues());
            out.writeInt(c.pageOffsets().length);
            for (int i = 0; i < c.pageOffsets().length; i++) {
                out.writeLong(c.pageOffsets()[i]);
                out.writeLong(c.pageFirstValue()[i]);
            }
        }
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    /**
     * @param folder the shard's folder
     * @param in an index written by {@link #writeIndex}
     * @return the shard
     */
    static ParquetShard readIndex(Path folder, DataInputStream in) throws IOException {
        Path file = folder.resolve(in.readUTF());
        long size = in.readLong();
        long modified = in.readLong();
        String createdBy = in.readUTF();
        String[] path = new String[in.readInt()];
        for (int i = 0; i < path.length; i++) {
            path[i] = in.readUTF();
        }
        int maxRep = in.readInt();
        int maxDef = in.readInt();
        int n = in.readInt();
        List<Group> groups = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            long firstRow = in.readLong();
            int rows = in.readInt();
            long vpr = in.readLong();
            CompressionCodec codec = CompressionCodec.findByValue(in.readInt());
            long dict = in.readLong();
            long total = in.readLong();
            int pages = in.readInt();
            long[] offsets = new long[pages];
            long[] firsts = new long[pages];
            for (int i = 0; i < pages; i++) {
                offsets[i] = in.readLong();
                firsts[i] = in.readLong();
            }
            groups.add(new Group(firstRow, rows, vpr, new Chunk(codec, dict, offsets, firsts, total)));
        }
        int count = in.readInt();
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readUTF());
        }
        return new ParquetShard(file, size, modified, createdBy.isEmpty() ? null : createdBy, path, maxRep, maxDef, List.copyOf(groups),
                List.copyOf(ids));
    }
}
