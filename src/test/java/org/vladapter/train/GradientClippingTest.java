package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;

import org.junit.jupiter.api.Test;
import org.vladapter.nn.Module;

class GradientClippingTest {

    static final class Two extends Module {
        final Parameter a = param("a", new Shape(2), new ConstantInitializer(1f));
        final Parameter b = param("b", new Shape(1), new ConstantInitializer(1f));
    }

    /** loss = s*(3 a0 + 4 a1 + 12 b): gradients (3s, 4s) and 12s, global norm 13|s|. */
    private static Two withGradients(NDManager manager, float s) {
        Two m = new Two();
        m.initialize(manager, DataType.FLOAT32);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray c = manager.create(new float[] {3 * s, 4 * s});
            NDArray loss = m.a.getArray().mul(c).sum().add(m.b.getArray().mul(12 * s).sum());
            gc.backward(loss);
        }
        return m;
    }

    @Test
    void scalesAllGradientsByMaxNormOverTotalNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Two m = withGradients(manager, 1f);
            double norm = GradientClipping.clipGlobalNorm(m.namedParameters().values(), 5.0);
            assertThat(norm).isCloseTo(13.0, within(1e-5));
            double coef = 5.0 / (13.0 + 1e-6);
            float[] ga = m.a.getArray().getGradient().toFloatArray();
            assertThat((double) ga[0]).isCloseTo(3 * coef, within(1e-6));
            assertThat((double) ga[1]).isCloseTo(4 * coef, within(1e-6));
            assertThat((double) m.b.getArray().getGradient().getFloat(0)).isCloseTo(12 * coef, within(1e-6));
        }
    }

    @Test
    void leavesSmallGradientsAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Two m = withGradients(manager, 0.1f);
            double norm = GradientClipping.clipGlobalNorm(m.namedParameters().values(), 5.0);
            assertThat(norm).isCloseTo(1.3, within(1e-6));
            assertThat(m.b.getArray().getGradient().getFloat(0)).isEqualTo(1.2f);
        }
    }
}
