package org.vladapter.release;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.vladapter.io.HalfFloats;

/**
 * Test-side converter from the classic {@code .h5} release tree to the Hub layout, written with parquet-java's
 * own writer (independent of the reader under test): {@code features/<FOLDER>/data_clip_RN101_att/part-NNNNN.parquet}
 * with columns {@code id} (string) and {@code features} (list of lists of FLOAT16, the Parquet form pyarrow gives
 * {@code fixed_size_list<fixed_size_list<float16>[2048]>[49]}), zstd; every other file under {@code annotations/};
 * {@code manifest.json.gz} listing every original file with its size, CRC-32 and shard.
 */
public final class HubReleaseWriter {

    /** The Parquet schema pyarrow writes for the release's two columns. */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message schema {
              optional binary id (STRING);
              optional group features (LIST) {
                repeated group list {
                  optional group element (LIST) {
                    repeated group list {
                      optional fixed_len_byte_array(2) element (FLOAT16);
                    }
                  }
                }
              }
            }
            """);

    private int rowsPerShard = 2;
    private int rowGroupBytes = 1 << 20;
    private int pageBytes = 64 << 10;
    private boolean dictionary = true;
    private boolean v2Pages;

    /** @return this with shards of {@code rows} rows */
    public HubReleaseWriter rowsPerShard(int rows) {
        this.rowsPerShard = rows;
        return this;
    }

    /** @return this with the given row-group and page size targets and page format */
    public HubReleaseWriter pages(int rowGroupBytes, int pageBytes, boolean dictionary, boolean v2Pages) {
        this.rowGroupBytes = rowGroupBytes;
        this.pageBytes = pageBytes;
        this.dictionary = dictionary;
        this.v2Pages = v2Pages;
        return this;
    }

    /**
     * @param datasets the classic tree ({@code datasets/})
     * @param out the Hub layout to write
     * @param skipVideo leave {@code video/} out, as the Hub release does
     */
    public void convert(Path datasets, Path out, boolean skipVideo) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(datasets)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<Path>> featureFolders = new LinkedHashMap<>();
        JsonArray manifest = new JsonArray();
        Map<Path, JsonObject> entries = new LinkedHashMap<>();
        for (Path f : files) {
            String rel = datasets.relativize(f).toString().replace('\\', '/');
            if (skipVideo && rel.startsWith("video/")) {
                continue;
            }
            JsonObject e = new JsonObject();
            e.addProperty("path", rel);
            e.addProperty("size", Files.size(f));
            e.addProperty("crc", crc(f));
            String[] parts = rel.split("/");
            if (parts.length == 4 && parts[1].equals("clip_features") && rel.endsWith(".h5")) {
                featureFolders.computeIfAbsent(parts[0] + "/" + parts[2], k -> new ArrayList<>()).add(f);
                entries.put(f, e);
            } else {
                Path target = out.resolve("annotations").resolve(rel);
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
                e.add("shard", JsonNull.INSTANCE);
            }
            manifest.add(e);
        }
        for (Map.Entry<String, List<Path>> folder : featureFolders.entrySet()) {
            List<Path> images = folder.getValue();
            for (int shard = 0; shard * rowsPerShard < images.size(); shard++) {
                String name = String.format("features/%s/part-%05d.parquet", folder.getKey(), shard);
                List<Path> rows = images.subList(shard * rowsPerShard, Math.min(images.size(), (shard + 1) * rowsPerShard));
                writeShard(out.resolve(name), rows);
                for (Path r : rows) {
                    entries.get(r).addProperty("shard", name);
                }
            }
        }
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out.resolve("manifest.json.gz")))) {
            o.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    static long crc(Path f) throws IOException {
        CRC32 c = new CRC32();
        c.update(Files.readAllBytes(f));
        return c.getValue();
    }

    /** One row: an id and its [N][F] features. */
    private record Row(String id, float[][] features) {}

    /** Streams rows straight into the record consumer (the example Group API is far slower at 100k values a row). */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private RecordConsumer out;

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            out.startMessage();
            out.startField("id", 0);
            out.addBinary(Binary.fromString(row.id()));
            out.endField("id", 0);
            out.startField("features", 1);
            out.startGroup();
            out.startField("list", 0);
            byte[] two = new byte[2];
            for (float[] token : row.features()) {
                out.startGroup();
                out.startField("element", 0);
                out.startGroup();
                out.startField("list", 0);
                for (float v : token) {
                    short h = HalfFloats.floatToHalf(v);
                    two[0] = (byte) h;
                    two[1] = (byte) (h >> 8);
                    out.startGroup();
                    out.startField("element", 0);
                    out.addBinary(Binary.fromReusedByteArray(two));
                    out.endField("element", 0);
                    out.endGroup();
                }
                out.endField("list", 0);
                out.endGroup();
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
            out.endGroup();
            out.endField("features", 1);
            out.endMessage();
        }
    }

    private static final class RowWriterBuilder extends ParquetWriter.Builder<Row, RowWriterBuilder> {
        RowWriterBuilder(LocalOutputFile file) {
            super(file);
        }

        @Override
        protected RowWriterBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport();
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport();
        }
    }

    /**
     * Writes one shard from features given by id (for benchmarks and page-layout tests).
     *
     * @param target the shard file
     * @param ids the row ids, in order
     * @param features the [N][F] features of an id
     */
    public void writeShard(Path target, List<String> ids, java.util.function.Function<String, float[][]> features) throws IOException {
        Files.createDirectories(target.getParent());
        try (ParquetWriter<Row> w = writer(target)) {
            for (String id : ids) {
                w.write(new Row(id, features.apply(id)));
            }
        }
    }

    private ParquetWriter<Row> writer(Path target) throws IOException {
        return new RowWriterBuilder(new LocalOutputFile(target))
                .withConf(new Configuration(false)).withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize((long) rowGroupBytes).withPageSize(pageBytes).withDictionaryEncoding(dictionary)
                .withMinRowCountForPageSizeCheck(1).withMaxRowCountForPageSizeCheck(1)
                .withWriterVersion(v2Pages ? ParquetProperties.WriterVersion.PARQUET_2_0 : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
    }

    private void writeShard(Path target, List<Path> h5Files) throws IOException {
        Files.createDirectories(target.getParent());
        try (ParquetWriter<Row> w = new RowWriterBuilder(new LocalOutputFile(target))
                .withConf(new Configuration(false)).withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize((long) rowGroupBytes).withPageSize(pageBytes).withDictionaryEncoding(dictionary)
                .withMinRowCountForPageSizeCheck(1).withMaxRowCountForPageSizeCheck(1)
                .withWriterVersion(v2Pages ? ParquetProperties.WriterVersion.PARQUET_2_0 : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build()) {
            for (Path h5 : h5Files) {
                String id = h5.getFileName().toString().replaceFirst("\\.h5$", "");
                try (HdfFile hdf = new HdfFile(h5)) {
                    w.write(new Row(id, (float[][]) hdf.getDatasetByPath(id + "/features").getData()));
                }
            }
        }
    }
}
