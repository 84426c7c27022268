package org.vladapter.vision;

import org.vladapter.backbone.ModelType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;

import java.util.LinkedHashMap;
import java.util.Map;

class VisualEmbeddingTest {

    private static Map<String, Shape> shapes(VisualEmbedding e) {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> p : e.namedParameters().entrySet()) {
            out.put(p.getKey(), p.getValue().getShape());
        }
        return out;
    }

    @Test
    void bartParameterNamesAndShapesMatchTheOriginal() {
        VisualEmbedding e = new VisualEmbedding(ModelType.BART, 2048, 768);
        assertThat(shapes(e)).containsExactly(
                Map.entry("feat_embedding.0.weight", new Shape(768, 2048)),
                Map.entry("feat_embedding.0.bias", new Shape(768)),
                Map.entry("feat_embedding.1.weight", new Shape(768)),
                Map.entry("feat_embedding.1.bias", new Shape(768)),
                Map.entry("absolute_vis_pos_embedding.0.weight", new Shape(768, 5)),
                Map.entry("absolute_vis_pos_embedding.0.bias", new Shape(768)),
                Map.entry("absolute_vis_pos_embedding.1.weight", new Shape(768)),
                Map.entry("absolute_vis_pos_embedding.1.bias", new Shape(768)),
                Map.entry("img_order_embedding.weight", new Shape(2, 768)));
    }

    @Test
    void t5NormsHaveNoBias() {
        VisualEmbedding e = new VisualEmbedding(ModelType.T5, 512, 768);
        assertThat(shapes(e)).containsOnlyKeys(
                "feat_embedding.0.weight", "feat_embedding.0.bias", "feat_embedding.1.weight",
                "absolute_vis_pos_embedding.0.weight", "absolute_vis_pos_embedding.0.bias",
                "absolute_vis_pos_embedding.1.weight", "img_order_embedding.weight");
    }

    @Test
    void bartInitialisation() {
        try (NDManager m = NDManager.newBaseManager()) {
            VisualEmbedding e = new VisualEmbedding(ModelType.BART, 256, 64);
            e.initialize(m, DataType.FLOAT32);
            Map<String, Parameter> p = e.namedParameters();
            NDArray w = p.get("feat_embedding.0.weight").getArray();
            double std = Math.sqrt(w.pow(2).mean().getFloat());
            assertThat(std).isBetween(0.018, 0.022);
            assertThat(p.get("feat_embedding.0.bias").getArray().abs().max().getFloat()).isZero();
            assertThat(p.get("feat_embedding.1.weight").getArray().toFloatArray()).containsOnly(1f);
            assertThat(p.get("feat_embedding.1.bias").getArray().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void t5LinearUsesTorchDefaultUniformBound() {
        try (NDManager m = NDManager.newBaseManager()) {
            VisualEmbedding e = new VisualEmbedding(ModelType.T5, 400, 64);
            e.initialize(m, DataType.FLOAT32);
            NDArray w = e.namedParameters().get("feat_embedding.0.weight").getArray();
            float bound = (float) (1 / Math.sqrt(400));
            assertThat(w.abs().max().getFloat()).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.9f);
            NDArray order = e.namedParameters().get("img_order_embedding.weight").getArray();
            assertThat(Math.sqrt(order.pow(2).mean().getFloat())).isBetween(0.7, 1.3);
        }
    }

    @Test
    void forwardMatchesTheFormulaTermByTerm() {
        try (NDManager m = NDManager.newBaseManager()) {
            int f = 6;
            int d = 4;
            VisualEmbedding e = new VisualEmbedding(ModelType.BART, f, d);
            e.initialize(m, DataType.FLOAT32);
            NDArray feats = m.randomNormal(new Shape(2, 3, f));
            NDArray boxes = m.create(new float[] {
                0.1f, 0.5f, 0.2f, 0.9f,  0, 0, 0, 0,  0, 1, 0, 1,
                0.3f, 0.4f, 0.3f, 0.8f,  0, 0, 0, 0,  0.2f, 0.2f, 0.2f, 0.2f}, new Shape(2, 3, 4));
            NDArray img = m.create(new long[] {0, 0, 1, 1, 0, 1}, new Shape(2, 3));
            NDArray obj = m.create(new long[] {0, 1, 0, 2, 1, 0}, new Shape(2, 3));
            NDArray shared = m.randomNormal(new Shape(10, d));

            NDArray out = e.forward(feats, boxes, img, obj, shared, ForwardContext.EVAL);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 3, d));

            Map<String, Parameter> p = e.namedParameters();
            NDArray feat = layerNorm(feats.matMul(p.get("feat_embedding.0.weight").getArray().transpose())
                    .add(p.get("feat_embedding.0.bias").getArray()), p, "feat_embedding.1");
            // area = (y2 - y1) * (x2 - x1) with boxes laid out (x1, x2, y1, y2)
            float[] b = boxes.toFloatArray();
            float[] pos5 = new float[6 * 5];
            for (int t = 0; t < 6; t++) {
                System.arraycopy(b, t * 4, pos5, t * 5, 4);
                pos5[t * 5 + 4] = (b[t * 4 + 3] - b[t * 4 + 2]) * (b[t * 4 + 1] - b[t * 4]);
            }
            NDArray pos = layerNorm(m.create(pos5, new Shape(2, 3, 5))
                    .matMul(p.get("absolute_vis_pos_embedding.0.weight").getArray().transpose())
                    .add(p.get("absolute_vis_pos_embedding.0.bias").getArray()), p, "absolute_vis_pos_embedding.1");
            float[] table = p.get("img_order_embedding.weight").getArray().toFloatArray();
            float[] sharedRows = shared.toFloatArray();
            float[] expected = feat.add(pos).toFloatArray();
            long[] imgIds = img.toLongArray();
            long[] objIds = obj.toLongArray();
            for (int t = 0; t < 6; t++) {
                for (int k = 0; k < d; k++) {
                    expected[t * d + k] += table[(int) imgIds[t] * d + k] + sharedRows[(int) (10 - objIds[t] - 1) * d + k];
                }
            }
            float[] actual = out.toFloatArray();
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    private static NDArray layerNorm(NDArray x, Map<String, Parameter> p, String prefix) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray var = x.sub(mean).pow(2).mean(new int[] {-1}, true);
        return x.sub(mean).div(var.add(1e-5f).sqrt())
                .mul(p.get(prefix + ".weight").getArray()).add(p.get(prefix + ".bias").getArray());
    }

    @Test
    void nullOrderIdsDefaultToImageZeroAndPositionsInOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            VisualEmbedding e = new VisualEmbedding(ModelType.T5, 3, 4);
            e.initialize(m, DataType.FLOAT32);
            NDArray feats = m.randomNormal(new Shape(2, 5, 3));
            NDArray boxes = m.zeros(new Shape(2, 5, 4));
            NDArray shared = m.randomNormal(new Shape(20, 4));
            NDArray explicit = e.forward(feats, boxes, m.zeros(new Shape(2, 5), DataType.INT64),
                    m.arange(0L, 5L, 1L, DataType.INT64).reshape(1, 5).repeat(0, 2), shared, ForwardContext.EVAL);
            NDArray defaults = e.forward(feats, boxes, null, null, shared, ForwardContext.EVAL);
            assertThat(defaults.sub(explicit).abs().max().getFloat()).isLessThan(1e-6f);
        }
    }

    @Test
    void objectOrderUsesTheVisExtraIdRowsOfTheSharedEmbedding() {
        try (NDManager m = NDManager.newBaseManager()) {
            VisualEmbedding e = new VisualEmbedding(ModelType.BART, 3, 4);
            e.initialize(m, DataType.FLOAT32);
            NDArray feats = m.zeros(new Shape(1, 2, 3));
            NDArray boxes = m.zeros(new Shape(1, 2, 4));
            NDArray ids = m.create(new long[] {0, 1}, new Shape(1, 2));
            NDArray shared = m.zeros(new Shape(8, 4));
            NDArray base = e.forward(feats, boxes, null, ids, shared, ForwardContext.EVAL);
            // bump row 7 (= vocab - 0 - 1, <vis_extra_id_0>) only: token 0 changes, token 1 does not
            NDArray bumped = shared.duplicate();
            bumped.set(new ai.djl.ndarray.index.NDIndex("7"), 1f);
            NDArray diff = e.forward(feats, boxes, null, ids, bumped, ForwardContext.EVAL).sub(base);
            // the bumped row adds exactly 1 up to float rounding of the other (random) terms
            for (float v : diff.get("0, 0").toFloatArray()) {
                assertThat(v).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-6f));
            }
            assertThat(diff.get("0, 1").toFloatArray()).containsOnly(0f);
            assertThat(e.namedParameters()).doesNotContainKey("obj_order_embedding.weight");
        }
    }

    @Test
    void wrongShapesAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            VisualEmbedding e = new VisualEmbedding(ModelType.BART, 3, 4);
            e.initialize(m, DataType.FLOAT32);
            NDArray shared = m.zeros(new Shape(8, 4));
            assertThatThrownBy(() -> e.forward(m.zeros(new Shape(1, 2, 5)), m.zeros(new Shape(1, 2, 4)), null, null, shared, ForwardContext.EVAL))
                    .hasMessageContaining("feats").hasMessageContaining("(1, 2, 5)");
            assertThatThrownBy(() -> e.forward(m.zeros(new Shape(1, 2, 3)), m.zeros(new Shape(1, 3, 4)), null, null, shared, ForwardContext.EVAL))
                    .hasMessageContaining("boxes").hasMessageContaining("(1, 2, 4)");
        }
    }

    @Test
    void gradientsReachTheEmbeddingAndTheSharedRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            VisualEmbedding e = new VisualEmbedding(ModelType.BART, 3, 4);
            e.initialize(m, DataType.FLOAT32);
            for (Parameter p : e.namedParameters().values()) {
                p.getArray().setRequiresGradient(true);
            }
            NDArray shared = m.randomNormal(new Shape(6, 4));
            shared.setRequiresGradient(true);
            NDArray img = m.create(new long[] {0, 1}, new Shape(1, 2));
            NDArray obj = m.create(new long[] {0, 0}, new Shape(1, 2));
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray out = e.forward(m.randomNormal(new Shape(1, 2, 3)), m.zeros(new Shape(1, 2, 4)), img, obj, shared,
                        ForwardContext.train("vqa"));
                gc.backward(out.mul(m.randomNormal(out.getShape())).sum());
            }
            Map<String, Parameter> p = e.namedParameters();
            assertThat(p.get("feat_embedding.0.weight").getArray().getGradient().abs().sum().getFloat()).isPositive();
            float[] orderGrad = p.get("img_order_embedding.weight").getArray().getGradient().abs().sum(new int[] {1}).toFloatArray();
            assertThat(orderGrad[0]).isPositive();
            assertThat(orderGrad[1]).isPositive();
            float[] sharedGrad = shared.getGradient().abs().sum(new int[] {1}).toFloatArray();
            // only row 5 (= 6 - 0 - 1) is used by both tokens
            assertThat(sharedGrad[5]).isPositive();
            assertThat(sharedGrad[0] + sharedGrad[1] + sharedGrad[2] + sharedGrad[3] + sharedGrad[4]).isZero();
        }
    }
}
