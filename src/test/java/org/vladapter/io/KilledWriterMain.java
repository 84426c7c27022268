package org.vladapter.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process for {@link KilledWriteTest}: starts an atomic write of a file or a directory, reports that
 * half of the new content is on disk, then waits to be killed.
 */
public final class KilledWriterMain {

    private KilledWriterMain() {}

    /**
     * @param args {@code file PATH} or {@code dir PATH MARKER}
     * @throws Exception never in practice: the process is killed while it sleeps
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[1]);
        if (args[0].equals("file")) {
            AtomicFiles.write(target, out -> {
                out.write("new-".repeat(1 << 16).getBytes(StandardCharsets.UTF_8));
                out.flush();
                halfWrittenThenWait();
            });
        } else {
            AtomicDirectories.replaceDirectory(target, args[2], dir -> {
                Files.writeString(dir.resolve("weights.bin"), "new weights");
                halfWrittenThenWait();
                Files.writeString(dir.resolve(args[2]), "done");
            });
        }
    }

    private static void halfWrittenThenWait() throws java.io.IOException {
        System.out.println("HALF-WRITTEN");
        System.out.flush();
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
