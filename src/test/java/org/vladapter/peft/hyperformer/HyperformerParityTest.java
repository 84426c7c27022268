package org.vladapter.peft.hyperformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.PeftFixtures;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HyperformerParityTest {

    private static final double TOL = 1e-6;

    @Test
    void generatedWeightsZAndOutputsMatchPyTorch() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = PeftFixtures.load(manager, "hyperformer");
            HyperformerConfig config = HyperformerConfig.builder().taskEmbeddingDim(8).taskHiddenDim(6)
                    .projectedTaskEmbeddingDim(4).reductionFactor(4).build();
            AdapterLayersHyperNetController controller = new AdapterLayersHyperNetController(
                    config, 3, 16, 4, EnumSet.allOf(BlockType.class), ModelType.BART);
            PeftFixtures.loadParameters(controller, f, "param.", params);
            TaskEmbeddingController tasks = new TaskEmbeddingController(List.of("vqa", "gqa"), 8);
            Map<String, NDArray> emb = new LinkedHashMap<>();
            emb.put("param.task_to_embeddings.vqa", f.get("task_embedding.vqa"));
            emb.put("param.task_to_embeddings.gqa", f.get("task_embedding.gqa"));
            PeftFixtures.loadParameters(tasks, emb, "param.", params);
            params.cap();

            NDArray x = f.get("x");
            int checked = 0;
            for (String task : List.of("vqa", "gqa")) {
                for (int layer : new int[] {0, 2}) {
                    NDArray t = tasks.embedding(manager, task);
                    assertThat(PeftFixtures.maxAbsDiff(controller.z(t, layer), f.get("z." + task + "." + layer)))
                            .as("z %s %d", task, layer).isLessThanOrEqualTo(TOL);
                    for (BlockType type : BlockType.values()) {
                        String p = type.prefix() + ".";
                        String s = "." + task + "." + layer;
                        GeneratedAdapter g = controller.generate(t, layer, type);
                        assertThat(PeftFixtures.maxAbsDiff(g.downWeight(), f.get(p + "down.weight" + s))).isLessThanOrEqualTo(TOL);
                        assertThat(PeftFixtures.maxAbsDiff(g.downBias(), f.get(p + "down.bias" + s))).isLessThanOrEqualTo(TOL);
                        assertThat(PeftFixtures.maxAbsDiff(g.upWeight(), f.get(p + "up.weight" + s))).isLessThanOrEqualTo(TOL);
                        assertThat(PeftFixtures.maxAbsDiff(g.upBias(), f.get(p + "up.bias" + s))).isLessThanOrEqualTo(TOL);
                        HyperAdapter site = new HyperAdapter(tasks, controller, layer, type);
                        // the fixture's y is the branch (as the manifest's formula says); the site adds x
                        GeneratedAdapter reference = new GeneratedAdapter(f.get(p + "down.weight" + s),
                                f.get(p + "down.bias" + s), f.get(p + "up.weight" + s), f.get(p + "up.bias" + s));
                        assertThat(PeftFixtures.maxAbsDiff(reference.branch(x), f.get(p + "y" + s))).as("y %s", p + s).isLessThanOrEqualTo(TOL);
                        // end to end (generated weights, then the adapter): the weights' float32 rounding
                        // (each within 1e-6) accumulates to a few ulp of |y| ~ 5
                        assertThat(PeftFixtures.maxAbsDiff(g.branch(x), f.get(p + "y" + s))).isLessThanOrEqualTo(5e-6);
                        NDArray y = site.apply(x, ForwardContext.eval(task));
                        assertThat(PeftFixtures.maxAbsDiff(y, x.add(f.get(p + "y" + s)))).as("x + y %s", p + s).isLessThanOrEqualTo(1e-5);
                        checked++;
                    }
                }
            }
            assertThat(checked).isEqualTo(12);
        }
    }
}
