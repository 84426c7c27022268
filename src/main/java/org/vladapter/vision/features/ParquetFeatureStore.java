package org.vladapter.vision.features;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.vladapter.io.AtomicFiles;

/**
 * The image features of one folder of the Hub release ({@code features/<COCO|GQA|VG|nlvr>/data_clip_RN101_att/
 * part-NNNNN.parquet}), read in place: no expansion into per-image {@code .h5} files.
 *
 * <p>On first use it builds an index, id → (shard, row) plus the file position of every page of each
 * shard's features column, and caches it in {@code indexFile} (rebuilt when a shard's size or modification
 * time changes). A read then decodes only the page(s) that hold the row (about 1 MB each with pyarrow's
 * defaults), each whole in one pass, and keeps decoded pages in a cache bounded by bytes
 * ({@link #DEFAULT_PAGE_CACHE_BYTES}), so the other rows of a page cost no decoding; put a
 * {@link CachingFeatureStore} in front for repeated reads of the same ids. float16 values become float32 exactly, as in the {@code .h5} stores. Thread-safe.
 */
public final class ParquetFeatureStore implements FeatureStore {

    private static final String MAGIC = "vladapter-parquet-index-1";

    private final Path directory;
    private final FeatureShape expected;
    private final Path indexFile;
    private final ParquetPageCache pages;
    private List<ParquetShard> shards;
    private Map<String, Long> locations;

    /**
     * @param directory the folder of {@code part-*.parquet} shards
     * @param expected the shape every matrix must have
     * @param indexFile where the index is cached, or {@code null} to keep it in memory only
     */
    public ParquetFeatureStore(Path directory, FeatureShape expected, Path indexFile) {
        this(directory, expected, indexFile, DEFAULT_PAGE_CACHE_BYTES);
    }

    /** Heap kept for decoded pages by default: 64 MiB, about 64 release pages (some 300 rows of 49x2048). */
    public static final long DEFAULT_PAGE_CACHE_BYTES = 64L << 20;

    /**
     * @param directory the folder of {@code part-*.parquet} shards
     * @param expected the shape every matrix must have
     * @param indexFile where the index is cached, or {@code null} to keep it in memory only
     * @param pageCacheBytes the most heap decoded pages may hold (0: every read decodes its pages again)
     */
    public ParquetFeatureStore(Path directory, FeatureShape expected, Path indexFile, long pageCacheBytes) {
        if (pageCacheBytes < 0) {
            throw new IllegalArgumentException("page cache bytes must be >= 0, got " + pageCacheBytes);
        }
        this.directory = directory;
        this.expected = expected;
        this.indexFile = indexFile;
        this.pages = new ParquetPageCache(pageCacheBytes);
    }

    /**
     * @param directory a shard folder
     * @param indexDirectory a folder for cached indexes
     * @return the cache file for that folder's index (named by a hash of its absolute path)
     */
    public static Path indexFileFor(Path directory, Path indexDirectory) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(directory.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return indexDirectory.resolve(directory.getFileName() + "-" + HexFormat.of().formatHex(h).substring(0, 16) + ".idx");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param directory a folder
     * @return whether it holds Parquet shards
     */
    public static boolean isShardFolder(Path directory) {
        return !shardFiles(directory).isEmpty();
    }

    private static List<Path> shardFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new FeatureStoreException("cannot list feature shards in " + directory + ": " + e.getMessage(), e);
        }
    }

    private synchronized void index() {
        if (locations != null) {
            return;
        }
        List<Path> files = shardFiles(directory);
        if (files.isEmpty()) {
            throw new FeatureStoreException("no .parquet feature shards in " + directory);
        }
        List<ParquetShard> loaded = loadCached(files);
        if (loaded == null) {
            loaded = new ArrayList<>();
            for (Path f : files) {
                loaded.add(ParquetShard.open(f));
            }
            saveCached(loaded);
        }
        Map<String, Long> map = new HashMap<>();
        for (int s = 0; s < loaded.size(); s++) {
            List<String> ids = loaded.get(s).ids();
            for (int r = 0; r < ids.size(); r++) {
                Long previous = map.put(ids.get(r), ((long) s << 32) | r);
                if (previous != null) {
                    throw new FeatureStoreException("id '" + ids.get(r) + "' appears twice in " + directory + ": "
                            + loaded.get((int) (previous >>> 32)).file().getFileName() + " and " + loaded.get(s).file().getFileName());
                }
            }
        }
        shards = loaded;
        locations = map;
    }

    private List<ParquetShard> loadCached(List<Path> files) {
        if (indexFile == null || !Files.isRegularFile(indexFile)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(indexFile)))) {
            if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(directory.toAbsolutePath().normalize().toString())) {
                return null;
            }
            int n = in.readInt();
            if (n != files.size()) {
                return null;
            }
            List<ParquetShard> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ParquetShard s = ParquetShard.readIndex(directory, in);
                if (!s.file().equals(files.get(i)) || !s.isCurrent()) {
                    return null;
                }
                out.add(s);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return null; // a stale or damaged index is rebuilt
        }
    }

    private void saveCached(List<ParquetShard> loaded) {
        if (indexFile == null) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes))) {
                out.writeUTF(MAGIC);
                out.writeUTF(directory.toAbsolutePath().normalize().toString());
                out.writeInt(loaded.size());
                for (ParquetShard s : loaded) {
                    s.writeIndex(out);
                }
            }
            Files.createDirectories(indexFile.toAbsolutePath().getParent());
            AtomicFiles.write(indexFile, bytes.toByteArray());
        } catch (IOException e) {
            System.err.println("note: cannot cache the feature index in " + indexFile + " (" + e.getMessage() + "); it is rebuilt next time");
        }
    }

    /** @return whether the index was loaded from or written to its cache file */
    public boolean hasCachedIndex() {
        return indexFile != null && Files.isRegularFile(indexFile);
    }

    /** @return the number of ids in the shards */
    public int size() {
        index();
        return locations.size();
    }

    /** @return every id, shard by shard in row order */
    public List<String> ids() {
        index();
        List<String> out = new ArrayList<>();
        for (ParquetShard s : shards) {
            out.addAll(s.ids());
        }
        return out;
    }

    /**
     * @param id an id
     * @return the shard file that holds it (for messages and restore), or {@code null}
     */
    public Path shardOf(String id) {
        index();
        Long loc = locations.get(id);
        return loc == null ? null : shards.get((int) (loc >>> 32)).file();
    }

    @Override
    public float[][] features(String id) {
        index();
        Long loc = locations.get(id);
        if (loc == null) {
            throw new FeatureStoreException("no features for id '" + id + "' in the " + shards.size() + " Parquet shards of " + directory);
        }
        ParquetShard shard = shards.get((int) (loc >>> 32));
        float[][] f = shard.read((int) (loc & 0xffffffffL), id, pages);
        expected.check(new int[] {f.length, f.length == 0 ? 0 : f[0].length}, id, shard.file());
        return f;
    }

    @Override
    public boolean contains(String id) {
        index();
        return locations.containsKey(id);
    }

    @Override
    public String describe() {
        return "Parquet feature shards " + directory;
    }

    /** @return the shard folder */
    public Path directory() {
        return directory;
    }
}
