package org.vladapter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small helpers for benchmarks: medians and the process's peak resident memory. */
public final class BenchStats {

    private BenchStats() {}

    /**
     * @param values samples
     * @return their median
     */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return peak resident set size of this process in MiB (Linux {@code VmHWM}), or -1 if unknown */
    public static double peakRssMiB() {
        return procStatusKb("VmHWM:") / 1024.0;
    }

    /** @return current resident set size in MiB (Linux {@code VmRSS}), or -1 if unknown */
    public static double rssMiB() {
        return procStatusKb("VmRSS:") / 1024.0;
    }

    private static double procStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }

    /**
     * Times a task: {@code warmup} unmeasured runs, then {@code runs} measured ones.
     *
     * @param warmup unmeasured runs
     * @param runs measured runs
     * @param task the work
     * @return seconds per measured run
     */
    public static double[] time(int warmup, int runs, Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        double[] out = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            task.run();
            out[i] = (System.nanoTime() - t0) / 1e9;
        }
        return out;
    }

    /**
     * Times several tasks in turns (A, B, A, B, ...), so that a busy machine slows each of them alike.
     *
     * @param warmup untimed turns
     * @param runs timed turns
     * @param tasks the tasks
     * @return per task its run times in seconds
     */
    public static double[][] timeInTurns(int warmup, int runs, Runnable... tasks) {
        for (int i = 0; i < warmup; i++) {
            for (Runnable t : tasks) {
                t.run();
            }
        }
        double[][] out = new double[tasks.length][runs];
        for (int i = 0; i < runs; i++) {
            for (int j = 0; j < tasks.length; j++) {
                long t0 = System.nanoTime();
                tasks[j].run();
                out[j][i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return out;
    }
}
