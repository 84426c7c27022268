package org.vladapter.release;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * The structure of a written shard as parquet-java's own reader reports it, to show which page layouts a test
 * exercises.
 *
 * @param rowGroups row groups
 * @param rows rows
 * @param dataPages data pages of the features column
 * @param dictionary whether the features column is dictionary-encoded
 */
record ParquetShardLayout(int rowGroups, long rows, int dataPages, boolean dictionary) {

    static ParquetShardLayout of(Path shard) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(shard))) {
            int groups = 0;
            long rows = 0;
            int pages = 0;
            boolean dict = false;
            for (BlockMetaData b : r.getFooter().getBlocks()) {
                groups++;
                rows += b.getRowCount();
                for (ColumnChunkMetaData c : b.getColumns()) {
                    if (c.getPath().toDotString().startsWith("features")) {
                        EncodingStats stats = c.getEncodingStats();
                        dict |= stats != null && stats.hasDictionaryPages();
                        pages += stats == null ? 0 : stats.getDataEncodings().stream().mapToInt(stats::getNumDataPagesEncodedAs).sum();
                    }
                }
            }
            return new ParquetShardLayout(groups, rows, pages, dict);
        }
    }
}
