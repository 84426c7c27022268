package org.vladapter.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.vladapter.vision.features.FeatureShape;
import org.vladapter.vision.features.Hdf5FeatureWriter;
import org.vladapter.vision.features.ParquetFeatureStore;

/**
 * Rebuilds the classic {@code datasets/} tree from the Hub release: annotation files are copied from
 * {@code annotations/<path>} and checked against the manifest's size and CRC-32; each feature file becomes
 * {@code <path>} = one HDF5 file with group {@code <img_id>} and float16 dataset {@code features} holding the
 * row of its shard, value for value.
 *
 * <p>The rebuilt {@code .h5} files hold the same group, dataset name, dtype, shape and float16 values as the
 * originals, but their bytes are not the originals' (the writer lays HDF5 out differently from h5py), so
 * their manifest size and CRC do not apply; each is read back and compared before it is moved into place.
 * Every file is written to a temporary name and renamed, so a rerun after an interruption skips what is
 * done (annotations when size and CRC match, feature files when present) and continues.
 */
public final class ReleaseRestorer {

    /** What a restore did. */
    public record Summary(int annotationsCopied, int featuresWritten, int skipped) {}

    private final Path release;
    private final Path indexDirectory;
    private final PrintStream log;
    private final Map<Path, ParquetFeatureStore> stores = new HashMap<>();

    /**
     * @param release the downloaded release (holding {@code manifest.json.gz}, {@code annotations/}, {@code features/})
     * @param indexDirectory where shard indexes are cached
     * @param log progress lines, or {@code null}
     */
    public ReleaseRestorer(Path release, Path indexDirectory, PrintStream log) {
        this.release = release;
        this.indexDirectory = indexDirectory;
        this.log = log;
    }

    /**
     * @param out the {@code datasets/} folder to write
     * @return counts of what was done
     */
    public Summary restore(Path out) {
        Path manifestFile = release.resolve(ReleaseManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException("no " + ReleaseManifest.FILE_NAME + " in " + release + " (is it the downloaded release?)");
        }
        ReleaseManifest manifest = ReleaseManifest.read(manifestFile);
        int copied = 0;
        int written = 0;
        int skipped = 0;
        int done = 0;
        for (ManifestEntry e : manifest.entries()) {
            Path target = out.resolve(e.path()).normalize();
            if (!target.startsWith(out.normalize())) {
                throw new IllegalArgumentException("manifest path " + e.path() + " leaves " + out);
            }
            try {
                if (e.isFeatureFile()) {
                    if (Files.isRegularFile(target)) {
                        skipped++;
                    } else {
                        writeFeatures(e, target);
                        written++;
                    }
                } else if (Files.isRegularFile(target) && matches(target, e)) {
                    skipped++;
                } else {
                    copyAnnotation(e, target);
                    copied++;
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot restore " + e.path() + " into " + out, ex);
            }
            done++;
            if (log != null && (done % 10_000 == 0 || done == manifest.entries().size())) {
                log.printf("restored %d/%d files (%d skipped as already present)%n", done, manifest.entries().size(), skipped);
            }
        }
        stores.values().forEach(ParquetFeatureStore::close);
        stores.clear();
        return new Summary(copied, written, skipped);
    }

    private void copyAnnotation(ManifestEntry e, Path target) throws IOException {
        Path source = release.resolve("annotations").resolve(e.path());
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("the manifest lists " + e.path() + " but " + source + " is missing");
        }
        if (!matches(source, e)) {
            throw new IllegalArgumentException(source + " does not match the manifest (size " + Files.size(source) + " vs "
                    + e.size() + ", crc " + Long.toHexString(crc(source)) + " vs " + Long.toHexString(e.crc())
                    + "): a damaged download; download it again");
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeFeatures(ManifestEntry e, Path target) {
        Path shard = release.resolve(e.shard());
        Path folder = shard.getParent();
        ParquetFeatureStore store = stores.computeIfAbsent(folder, f -> new ParquetFeatureStore(f, FeatureShape.UNCHECKED,
                ParquetFeatureStore.indexFileFor(f, indexDirectory)));
        String id = e.imageId();
        Path holder = store.shardOf(id);
        if (holder == null || !holder.getFileName().equals(shard.getFileName())) {
            throw new IllegalArgumentException("the manifest puts " + e.path() + " in " + e.shard() + " but id '" + id + "' is "
                    + (holder == null ? "in no shard of " + folder : "in " + holder.getFileName()));
        }
        Hdf5FeatureWriter.writeImage(target, id, store.features(id), Hdf5FeatureWriter.Precision.FLOAT16);
    }

    private static boolean matches(Path file, ManifestEntry e) throws IOException {
        return Files.size(file) == e.size() && (e.crc() < 0 || crc(file) == e.crc());
    }

    static long crc(Path file) throws IOException {
        CRC32 c = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                c.update(buf, 0, n);
            }
        }
        return c.getValue();
    }
}
