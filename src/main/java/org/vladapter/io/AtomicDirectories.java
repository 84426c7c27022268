package org.vladapter.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Replaces whole directories (checkpoints) so that a reader never sees a half-written one under its name.
 *
 * <p>POSIX cannot rename a directory over a non-empty one, so {@link #replaceDirectory} fills a hidden
 * {@code .NAME.tmp-*} directory, renames the current {@code NAME} aside to {@code .NAME.old-*}, renames the
 * temporary directory to {@code NAME}, then deletes the old one. If the process dies between the two renames,
 * {@code NAME} is missing but {@code .NAME.old-*} is complete; {@link #readableDirectory} finds it. A directory
 * counts as complete when it holds its marker file, which writers create last. After a successful replacement,
 * leftovers of earlier crashed writes of the same name are deleted (one writer per name is assumed).
 */
public final class AtomicDirectories {

    private static final String TMP = ".tmp-";
    private static final String OLD = ".old-";

    private AtomicDirectories() {}

    /** Fills a directory; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Filler {
        /**
         * @param dir the (empty, temporary) directory to fill
         * @throws IOException on a write error
         */
        void fill(Path dir) throws IOException;
    }

    /**
     * Replaces a directory with freshly written content, never leaving a partial directory under its name.
     *
     * @param target the directory to create or replace
     * @param marker the file name the filler writes last; marks the directory as complete
     * @param filler fills the (empty, temporary) directory it is given
     * @throws UncheckedIOException naming the target when the filler or a rename fails; the previous
     *     directory then stays readable through {@link #readableDirectory}
     * @throws IllegalStateException when the filler did not write the marker file
     */
    public static void replaceDirectory(Path target, String marker, Filler filler) {
        Path dir = parentOf(target);
        String name = target.getFileName().toString();
        String suffix = suffix();
        Path tmp = dir.resolve("." + name + TMP + suffix);
        Path old = dir.resolve("." + name + OLD + suffix);
        try {
            Files.createDirectories(dir);
            Files.createDirectory(tmp);
            filler.fill(tmp);
            if (!Files.isRegularFile(tmp.resolve(marker))) {
                throw new IllegalStateException(
                        "directory writer for " + target + " did not write its marker file '" + marker + "'");
            }
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        sync(f);
                    }
                }
            }
            boolean hadOld = Files.exists(target);
            if (hadOld) {
                move(target, old);
            }
            move(tmp, target);
            if (hadOld) {
                deleteTree(old);
            }
            deleteLeftovers(dir, name);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("cannot write directory " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /**
     * Finds the complete directory to read for a name written by {@link #replaceDirectory}: the directory
     * itself when it holds the marker, otherwise the newest complete {@code .NAME.old-*} left by a
     * process that died between its two renames.
     *
     * @param target the directory name
     * @param marker the marker file that proves completeness
     * @return the directory to read, or empty when none is complete
     */
    public static Optional<Path> readableDirectory(Path target, String marker) {
        if (Files.isRegularFile(target.resolve(marker))) {
            return Optional.of(target);
        }
        Path dir = parentOf(target);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String prefix = "." + target.getFileName() + OLD;
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : ds) {
                if (Files.isRegularFile(p.resolve(marker))) {
                    candidates.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return candidates.stream().max(Comparator.comparing(AtomicDirectories::lastModified));
    }

    /**
     * Deletes a file tree if it exists, ignoring errors.
     *
     * @param root the file or directory
     */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(AtomicDirectories::deleteQuietly);
        } catch (IOException e) {
            // best effort
        }
    }

    /** Removes {@code .NAME.tmp-*} and {@code .NAME.old-*} left by writers that died (single writer assumed). */
    private static void deleteLeftovers(Path dir, String name) throws IOException {
        String tmpPrefix = "." + name + TMP;
        String oldPrefix = "." + name + OLD;
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(tmpPrefix) || n.startsWith(oldPrefix);
        })) {
            ds.forEach(stale::add);
        }
        stale.forEach(AtomicDirectories::deleteTree);
    }

    private static Path parentOf(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.getParent();
    }

    private static String suffix() {
        return Long.toHexString(System.nanoTime()) + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }
}
