package org.vladapter.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.nn.Ops;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ways DJL's PyTorch engine lets native tensors point into Java direct buffers that the garbage collector
 * frees, and the guards against them. Each test forces a collection and then allocates direct buffers filled
 * with a pattern, so freed memory is reused and any dangling tensor reads the pattern.
 *
 * <ul>
 *   <li>{@code NDArray.mul(Number)} (and {@code div}, {@code pow}, ... with a number) wraps the number in a
 *       tensor viewing a Java buffer and closes it; autograd keeps that tensor for the backward pass. Before
 *       the fix, {@code x.mul(3f)} gave a wrong gradient on every iteration of this test; {@link Ops#scale} and
 *       the activations built on it do not.
 *   <li>{@code NDArray.intern(loaded)} moves a loaded array's native handle into a parameter but not the Java
 *       buffer behind it; the backbone loader now interns an owning copy, so pretrained weights stay equal to
 *       the checkpoint.
 * </ul>
 */
class NativeMemorySafetyTest {

    private static Object sink;

    /** Collects garbage and reuses freed native memory with junk. */
    private static void collectAndReuse() {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ByteBuffer[] junk = new ByteBuffer[256];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = ByteBuffer.allocateDirect(4 << (i % 12));
            while (junk[i].remaining() >= 4) {
                junk[i].putFloat(1e20f);
            }
        }
        sink = junk;
    }

    private static float[] gradient(NDArray x, Function<NDArray, NDArray> f, boolean collect) {
        try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray loss = f.apply(x).sum();
            if (collect) {
                collectAndReuse();
            }
            gc.backward(loss);
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float[] g = x.getGradient().toFloatArray();
            x.getGradient().muli(0);
            return g;
        }
    }

    @Test
    void scalarOpsKeepTheirGradientsThroughGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(3, 8));
            x.setRequiresGradient(true);
            for (int i = 0; i < 5; i++) {
                assertThat(gradient(x, a -> Ops.scale(a, 3f), true)).containsOnly(3f);
                boolean gelu = Arrays.equals(gradient(x, Ops::geluNew, true), gradient(x, Ops::geluNew, false));
                assertThat(gelu).as("gelu_new gradient unchanged by garbage collection").isTrue();
                NDArray w = m.ones(new Shape(8));
                boolean rms = Arrays.equals(gradient(x, a -> Ops.rmsNorm(a, w, 1e-6f), true),
                        gradient(x, a -> Ops.rmsNorm(a, w, 1e-6f), false));
                assertThat(rms).as("RMS norm gradient unchanged by garbage collection").isTrue();
            }
        }
    }

    @Test
    void loadedBackboneWeightsStayEqualToTheCheckpoint() throws Exception {
        Path folder = Path.of("src/test/resources/fixtures/hf/bart-tiny");
        try (NDManager m = NDManager.newBaseManager(); SafeTensorsFile file = SafeTensorsFile.open(folder.resolve("model.safetensors"))) {
            EncoderDecoder model = TinyVl.Tiny.BART.backbone().build(m);
            for (int i = 0; i < 3; i++) {
                collectAndReuse();
            }
            int checked = 0;
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                String name = e.getKey().startsWith("model.") && !file.contains(e.getKey()) ? e.getKey().substring(6) : e.getKey();
                if (file.contains(name) && !name.endsWith("shared.weight")) {
                    boolean same = Arrays.equals(e.getValue().getArray().toFloatArray(), file.readFloats(name));
                    assertThat(same).as("%s equals the checkpoint after garbage collection", name).isTrue();
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(20);
        }
    }
}
