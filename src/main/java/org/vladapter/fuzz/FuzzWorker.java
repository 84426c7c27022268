package org.vladapter.fuzz;

import org.vladapter.io.AtomicDirectories;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child JVM of {@link FuzzSuite}: generates the cases of the named classes from the seed and runs them from a
 * start index, printing {@code START class index} before and {@code RESULT class index outcome label detail}
 * after each case on standard output. A case that hangs is reported and ends the worker (its thread cannot be
 * stopped); a native abort ends it without a RESULT line, which the parent turns into a crash.
 *
 * <p>Arguments: {@code seed casesPerClass timeoutSeconds class[:startIndex] ...}.
 */
public final class FuzzWorker {

    private FuzzWorker() {}

    /**
     * @param args see the class comment
     * @throws Exception when a generator fails
     */
    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        long timeout = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        // loaders may log; keep standard output for the protocol
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        Path work = Files.createTempDirectory("vladapter-fuzz");
        try {
            for (int a = 3; a < args.length; a++) {
                String[] spec = args[a].split(":");
                InputClass cls = FuzzSuite.inputClass(spec[0]);
                int start = spec.length > 1 ? Integer.parseInt(spec[1]) : 0;
                List<FuzzCase> cases = cls.cases(new Random(seed * 31 + spec[0].hashCode()), count);
                Map<Integer, Object> references = new HashMap<>();
                for (int i = start; i < cases.size(); i++) {
                    FuzzCase c = cases.get(i);
                    out.println("START\t" + cls.name() + "\t" + i + "\t" + c.label());
                    Path folder = write(work.resolve(cls.name() + "-" + i), c.files());
                    Future<Object> f = pool.submit(() -> cls.load(folder, c.target()));
                    Outcome outcome;
                    String detail;
                    try {
                        Object value = f.get(timeout, TimeUnit.SECONDS);
                        boolean same = true;
                        if (c.expect() == Expect.ACCEPT_SAME || c.expect() == Expect.REFUSE_OR_SAME) {
                            Object reference = reference(cls, c, work, references);
                            same = value.equals(reference);
                        }
                        outcome = Classifier.accepted(c, same);
                        detail = same ? "accepted" : "accepted but read differently from the original";
                    } catch (TimeoutException e) {
                        out.println("RESULT\t" + cls.name() + "\t" + i + "\t" + Outcome.HANG + "\t" + c.label()
                                + "\tno result after " + timeout + " s");
                        out.flush();
                        Runtime.getRuntime().halt(3);
                        return;
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable cause = e.getCause();
                        outcome = Classifier.refused(c, cause);
                        detail = Classifier.describe(cause);
                    }
                    out.println("RESULT\t" + cls.name() + "\t" + i + "\t" + outcome + "\t" + c.label() + "\t" + detail);
                    AtomicDirectories.deleteTree(folder);
                }
            }
            out.println("DONE");
        } finally {
            AtomicDirectories.deleteTree(work);
            pool.shutdownNow();
        }
    }

    private static Object reference(InputClass cls, FuzzCase c, Path work, Map<Integer, Object> cache)
            throws Exception {
        int key = 0;
        for (Map.Entry<String, byte[]> e : c.original().entrySet()) {
            key = key * 31 + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        }
        Object cached = cache.get(key);
        if (cached == null) {
            Path folder = write(work.resolve(cls.name() + "-original-" + Integer.toHexString(key)), c.original());
            try {
                cached = cls.load(folder, c.target());
            } finally {
                AtomicDirectories.deleteTree(folder);
            }
            cache.put(key, cached);
        }
        return cached;
    }

    private static Path write(Path folder, Map<String, byte[]> files) throws java.io.IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = folder.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        return folder;
    }
}
