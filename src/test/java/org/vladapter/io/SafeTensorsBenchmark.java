package org.vladapter.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Prints median times for writing and loading a synthetic checkpoint (not a test; run by hand):
 * {@code java -cp target/classes:target/test-classes:<deps> org.vladapter.io.SafeTensorsBenchmark [MiB] [repeats]}.
 */
public final class SafeTensorsBenchmark {

    private SafeTensorsBenchmark() {}

    private interface Step {
        void run() throws Exception;
    }

    private static double median(int repeats, Step step) throws Exception {
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int tensors = 8;
        long perTensor = (long) mib * (1 << 20) / 4 / tensors;
        Path dir = Files.createTempDirectory("st-bench");
        Path f32 = dir.resolve("f32.safetensors");
        Path f16 = dir.resolve("f16.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            SafeTensorsWriter w = new SafeTensorsWriter();
            for (int i = 0; i < tensors; i++) {
                w.add("layer." + i + ".weight", m.randomNormal(new Shape(perTensor)));
            }
            System.out.printf("write %d MiB F32: median %.0f ms%n", mib, median(repeats, () -> w.write(f32)));
            SafeTensorsWriter h = new SafeTensorsWriter().float16(true);
            try (SafeTensorsFile src = SafeTensorsFile.open(f32)) {
                for (String n : src.names()) {
                    h.add(n, src.load(n, m));
                }
            }
            System.out.printf("write %d MiB as F16 (Java narrowing): median %.0f ms%n", mib,
                    median(repeats, () -> h.write(f16)));
            for (Path p : new Path[] {f32, f16}) {
                System.out.printf("load %s (%d MiB on disk) into FLOAT32 NDArrays: median %.0f ms%n", p.getFileName(),
                        Files.size(p) >> 20, median(repeats, () -> {
                            try (SafeTensorsFile f = SafeTensorsFile.open(p); NDManager sub = m.newSubManager()) {
                                for (NDArray a : f.loadAll(sub).values()) {
                                    if (a.getDataType() != DataType.FLOAT32) {
                                        throw new IllegalStateException();
                                    }
                                }
                            }
                        }));
            }
        } finally {
            Files.deleteIfExists(f32);
            Files.deleteIfExists(f16);
            Files.deleteIfExists(dir);
        }
    }
}
