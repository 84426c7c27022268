package org.vladapter.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the complete new content, never a partial file.
 *
 * <p>The content goes to a hidden temporary file in the target's directory ({@code .NAME.RANDOM.tmp}), is flushed
 * and forced to disk, and then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. If writing
 * fails (an exception from the content callback, a full disk), the temporary file is deleted and the target is left
 * as it was. Missing parent directories are created. Where the file system cannot rename atomically the rename
 * falls back to a plain replacing move.
 */
public final class AtomicFiles {

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream to write to; it is buffered, and closed by {@link AtomicFiles}
         * @throws IOException when writing fails; the target is then left untouched
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Replaces {@code target} with the given bytes.
     *
     * @param target the file to write
     * @param bytes the content
     * @throws IOException when the file cannot be written
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} with the given text in UTF-8.
     *
     * @param target the file to write
     * @param text the content
     * @throws IOException when the file cannot be written
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code target} with what {@code content} writes.
     *
     * @param target the file to write
     * @param content the callback writing the content
     * @throws IOException when the file cannot be written or the callback fails
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            throw new IOException("cannot write " + target + ": it has no parent directory");
        }
        Files.createDirectories(dir);
        Path temp = createTemp(dir, absolute.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new UnclosableStream(out));
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException suppressed) {
                    // the original failure matters more; a stray .tmp file is harmless
                }
            }
        }
    }

    /**
     * Like {@link #write(Path, Content)}, for callers that report failures unchecked.
     *
     * @param target the file to write
     * @param content the callback writing the content
     * @throws java.io.UncheckedIOException naming the target when the file cannot be written; the target is unchanged
     */
    public static void writeUnchecked(Path target, Content content) {
        try {
            write(target, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path temp = dir.resolve("." + name + "." + suffix + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux); elsewhere a no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform: the rename itself is still atomic
        }
    }

    /** Keeps the callback from closing the stream before it is flushed and forced. */
    private static final class UnclosableStream extends OutputStream {
        private final OutputStream out;

        UnclosableStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
