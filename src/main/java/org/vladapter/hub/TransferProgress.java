package org.vladapter.hub;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Reports the bytes of a download as they arrive. {@link #console} draws one line per file, redrawn in
 * place on a terminal and printed every few seconds otherwise.
 */
public interface TransferProgress {

    /**
     * @param file the repository path being downloaded
     * @param done bytes present so far (including a resumed part)
     * @param total the file's size
     */
    void update(String file, long done, long total);

    /**
     * @param file the repository path that finished
     * @param total its size
     */
    default void finished(String file, long total) {}

    /** Reports nothing. */
    TransferProgress NONE = (f, d, t) -> {};

    /**
     * @param out where to print
     * @return a progress bar for the console
     */
    static TransferProgress console(PrintStream out) {
        boolean terminal = System.console() != null && System.getenv("JPY_PARENT_PID") == null;
        return new TransferProgress() {
            private long last;
            private long start = System.nanoTime();
            private String current;

            @Override
            public void update(String file, long done, long total) {
                long now = System.nanoTime();
                if (!file.equals(current)) {
                    current = file;
                    start = now;
                }
                if (now - last < (terminal ? 200_000_000L : 5_000_000_000L)) {
                    return;
                }
                last = now;
                out.print((terminal ? "\r" : "") + line(file, done, total, (now - start) / 1e9) + (terminal ? "" : "\n"));
                out.flush();
            }

            @Override
            public void finished(String file, long total) {
                out.print((terminal ? "\r" : "") + line(file, total, total, (System.nanoTime() - start) / 1e9) + "\n");
                out.flush();
                current = null;
            }
        };
    }

    /**
     * @param file a file
     * @param done bytes so far
     * @param total size
     * @param seconds time spent on it
     * @return {@code file [#####.....]  45% 12.0/26.7 MB 3.1 MB/s}
     */
    static String line(String file, long done, long total, double seconds) {
        int width = 20;
        double f = total > 0 ? Math.min(1.0, done / (double) total) : 1.0;
        int filled = (int) Math.round(f * width);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %.1f/%.1f MB %.1f MB/s", file, "#".repeat(filled),
                ".".repeat(width - filled), Math.round(f * 100), done / 1e6, total / 1e6, seconds > 0 ? done / 1e6 / seconds : 0.0);
    }
}
