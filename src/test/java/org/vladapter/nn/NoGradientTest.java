package org.vladapter.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

/** In-place parameter updates work on a thread where PyTorch records gradients (e.g. a notebook cell's). */
class NoGradientTest {

    @Test
    void inPlaceUpdateOfALeafWorksOnARecordingThreadOnlyInsideTheScope() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {1, 2});
            p.setRequiresGradient(true);
            AtomicReference<Throwable> outside = new AtomicReference<>();
            AtomicReference<Throwable> inside = new AtomicReference<>();
            AtomicReference<Boolean> restored = new AtomicReference<>();
            Thread t = new Thread(() -> {
                JniUtils.setGradMode(true);          // as PyTorch starts every new thread
                try {
                    p.addi(1f);
                } catch (Throwable e) {
                    outside.set(e);
                }
                try (NoGradient ignored = NoGradient.open()) {
                    p.addi(1f);
                } catch (Throwable e) {
                    inside.set(e);
                }
                restored.set(JniUtils.isGradMode());
            });
            t.start();
            t.join();
            assertThat(outside.get()).hasMessageContaining("in-place");
            assertThat(inside.get()).isNull();
            assertThat(restored.get()).isTrue();
            assertThat(p.getGradient()).isNotNull();
            p.setRequiresGradient(false);
            assertThat(p.toFloatArray()).containsExactly(2f, 3f);
        }
    }
}
