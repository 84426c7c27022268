package org.vladapter.bench;

import org.vladapter.fuzz.FuzzSuite;

import java.io.PrintStream;

/** {@code bench --suite fuzz}: the loader fuzz suite at scale, its outcome table and every failing case. */
public final class FuzzBench {

    private FuzzBench() {}

    /**
     * @param seed the mutation seed
     * @param casesPerClass cases per input class
     * @param out where the table goes
     * @return 0 when every case ended correctly, else 1
     * @throws Exception when the worker cannot run
     */
    public static int run(long seed, int casesPerClass, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        FuzzSuite.Report report = FuzzSuite.run(seed, casesPerClass, FuzzSuite.CLASSES, 20);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(java.util.Locale.ROOT, "fuzz: seed %d, %d cases per class, %.1f s%n%n", seed, casesPerClass, seconds);
        out.print(report.table());
        for (FuzzSuite.Result r : report.failures()) {
            out.println("FAIL " + r.inputClass() + " #" + r.index() + " " + r.outcome() + " [" + r.label() + "] "
                    + r.detail());
        }
        return report.failures().isEmpty() ? 0 : 1;
    }
}
