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

import java.util.Map;

class AdamWTest {

    /** Three scalar parameters: a decayed weight, an undecayed bias, and a frozen one. */
    static final class Scalars extends Module {
        final Parameter weight = param("weight", new Shape(1), new ConstantInitializer(1.5f));
        final Parameter bias = param("bias", new Shape(1), new ConstantInitializer(-0.8f));
        final Parameter frozen = param("frozen", new Shape(1), new ConstantInitializer(2f));
    }

    private static final double[] G_WEIGHT = {0.5, -1.2, 3.0, 0.01, -0.7};
    private static final double[] G_BIAS = {-2.0, 0.3, 0.3, -0.05, 1.1};
    private static final double[] LR = {0.1, 0.05, 0.2, 0.1, 0.01};

    /** Reference HF-4.x AdamW in doubles for one scalar. */
    static double[] reference(double p0, double[] g, double[] lr, double wd) {
        double b1 = 0.9, b2 = 0.999, eps = 1e-6;
        double m = 0, v = 0, p = p0;
        double[] out = new double[g.length];
        for (int t = 1; t <= g.length; t++) {
            double gt = g[t - 1];
            m = b1 * m + (1 - b1) * gt;
            v = b2 * v + (1 - b2) * gt * gt;
            double denom = Math.sqrt(v) + eps;
            double stepSize = lr[t - 1] * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            p -= stepSize * m / denom;
            if (wd > 0) {
                p -= lr[t - 1] * wd * p;
            }
            out[t - 1] = p;
        }
        return out;
    }

    /** Back-propagates loss = cw*weight + cb*bias (+ frozen) so the gradients are exactly cw, cb. */
    static void backward(NDManager manager, Scalars m, double cw, double cb) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = m.weight.getArray().mul((float) cw).add(m.bias.getArray().mul((float) cb))
                    .add(m.frozen.getArray()).sum();
            gc.backward(loss);
        }
    }

    @Test
    void matchesReferenceStepForStepWithBiasExemptFromDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Scalars m = new Scalars();
            m.initialize(manager, DataType.FLOAT32);
            m.frozen.freeze(true);
            Map<String, Parameter> params = m.namedParameters();
            try (AdamW opt = AdamW.builder().parameters(params).build()) {
                assertThat(opt.trainableParameters()).containsOnlyKeys("weight", "bias");
                assertThat(opt.weightDecayOf("weight")).isEqualTo(0.01);
                assertThat(opt.weightDecayOf("bias")).isEqualTo(0.0);
                assertThat(opt.stateBytes()).isZero();
                double[] refW = reference(1.5, G_WEIGHT, LR, 0.01);
                double[] refB = reference(-0.8, G_BIAS, LR, 0.0);
                for (int t = 0; t < 5; t++) {
                    backward(manager, m, G_WEIGHT[t], G_BIAS[t]);
                    opt.step(LR[t]);
                    assertThat((double) m.weight.getArray().getFloat(0)).as("weight after step %d", t + 1)
                            .isCloseTo(refW[t], within(2e-6));
                    assertThat((double) m.bias.getArray().getFloat(0)).as("bias after step %d", t + 1)
                            .isCloseTo(refB[t], within(2e-6));
                    assertThat(m.weight.getArray().getGradient().getFloat(0)).as("gradient zeroed").isZero();
                }
                assertThat(m.frozen.getArray().getFloat(0)).isEqualTo(2f);
                assertThat(opt.stepOf("weight")).isEqualTo(5);
                assertThat(opt.stepOf("frozen")).isZero();
                assertThat(opt.stateBytes()).as("2 params x 2 moments x 1 float").isEqualTo(16);
            }
        }
    }

    @Test
    void layerNormWeightsAreDecayedBecauseThePatternNeverMatchesHfNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Scalars m = new Scalars();
            m.initialize(manager, DataType.FLOAT32);
            try (AdamW opt = AdamW.builder().parameters(m.namedParameters()).build()) {
                assertThat(opt.weightDecayOf("encoder.layers.0.self_attn_layer_norm.weight")).isEqualTo(0.01);
                assertThat(opt.weightDecayOf("encoder.block.0.layer.0.layer_norm.weight")).isEqualTo(0.01);
                assertThat(opt.weightDecayOf("encoder.layers.0.fc1.bias")).isEqualTo(0.0);
                assertThat(opt.weightDecayOf("x.LayerNorm.weight")).isEqualTo(0.0);
            }
        }
    }

    @Test
    void aTrainableParameterWhoseArrayLostItsGradientIsReported() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Scalars m = new Scalars();
            m.initialize(manager, DataType.FLOAT32);
            m.bias.getArray().setRequiresGradient(false);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdamW.builder().parameters(m.namedParameters()).build())
                    .hasMessageContaining("parameter 'bias' requires a gradient but its array has none attached");
        }
    }

    @Test
    void parametersWithoutGradientAreSkippedEntirely() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Scalars m = new Scalars();
            m.initialize(manager, DataType.FLOAT32);
            try (AdamW opt = AdamW.builder().parameters(m.namedParameters()).build()) {
                backward(manager, m, 1.0, 0.0);
                opt.step(0.1, name -> !name.equals("bias"));
                assertThat(m.bias.getArray().getFloat(0)).isEqualTo(-0.8f);
                assertThat(opt.stepOf("bias")).isZero();
                assertThat(opt.stepOf("weight")).isEqualTo(1);
                assertThat(opt.stepOf("frozen")).isEqualTo(1);
                assertThat(opt.stateBytes()).isEqualTo(16);
            }
        }
    }

    @Test
    void stateRoundTripsThroughLoadState() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Scalars a = new Scalars();
            a.initialize(manager, DataType.FLOAT32);
            Scalars b = new Scalars();
            b.initialize(manager, DataType.FLOAT32);
            try (AdamW optA = AdamW.builder().parameters(a.namedParameters()).build();
                    AdamW optB = AdamW.builder().parameters(b.namedParameters()).build()) {
                for (int t = 0; t < 2; t++) {
                    backward(manager, a, G_WEIGHT[t], G_BIAS[t]);
                    optA.step(LR[t]);
                }
                for (Map.Entry<String, Parameter> e : a.namedParameters().entrySet()) {
                    b.namedParameters().get(e.getKey()).getArray().set(e.getValue().getArray().toByteBuffer());
                }
                optB.loadState(optA.firstMoments(), optA.secondMoments(), optA.stepCounts());
                for (int t = 2; t < 5; t++) {
                    backward(manager, a, G_WEIGHT[t], G_BIAS[t]);
                    optA.step(LR[t]);
                    backward(manager, b, G_WEIGHT[t], G_BIAS[t]);
                    optB.step(LR[t]);
                }
                assertThat(b.weight.getArray().getFloat(0)).isEqualTo(a.weight.getArray().getFloat(0));
                assertThat(b.bias.getArray().getFloat(0)).isEqualTo(a.bias.getArray().getFloat(0));
                assertThat(optB.stepCounts()).isEqualTo(optA.stepCounts());
            }
        }
    }
}
