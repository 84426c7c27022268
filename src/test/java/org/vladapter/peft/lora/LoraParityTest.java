package org.vladapter.peft.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Initializers;
import org.vladapter.peft.PeftFixtures;
import org.vladapter.peft.Sharing;
import org.vladapter.peft.TaskRoutes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoraParityTest {

    /** The fixture's single lora_A / lora_B become our shared pair under the first task key. */
    private static Map<String, NDArray> renamed(Map<String, NDArray> f) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        f.forEach((k, v) -> out.put(k.replace("param.lora_A", "param.lora_As.vqa").replace("param.lora_B", "param.lora_Bs.vqa"), v));
        return out;
    }

    private static LoraProjection projection() {
        LoraConfig config = LoraConfig.builder().rank(4).alpha(8).sharing(Sharing.SINGLE).build();
        return new LoraProjection(16, 12, true, Initializers.normal(0.02), Initializers.zeros(), config,
                new TaskRoutes(List.of("vqa", "gqa"), Sharing.SINGLE));
    }

    @Test
    void forwardBaseAndMergedWeightMatchPyTorch() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = renamed(PeftFixtures.load(manager, "lora"));
            LoraProjection lora = projection();
            assertThat(lora.scaling()).isEqualTo(2f);
            PeftFixtures.loadParameters(lora, f, "param.", params);
            NDArray x = f.get("x");
            assertThat(PeftFixtures.maxAbsDiff(lora.forward(x, ForwardContext.eval("gqa")), f.get("y"))).isLessThanOrEqualTo(1e-6);
            assertThat(PeftFixtures.maxAbsDiff(lora.weight().getArray().matMul(x.transpose(0, 2, 1)).transpose(0, 2, 1)
                    .add(lora.bias().getArray()), f.get("y_base"))).isLessThanOrEqualTo(1e-5);

            lora.merge();
            assertThat(PeftFixtures.maxAbsDiff(lora.weight().getArray(), f.get("merged_weight"))).isLessThanOrEqualTo(1e-6);
            assertThat(PeftFixtures.maxAbsDiff(lora.forward(x, ForwardContext.eval("vqa")), f.get("y"))).isLessThanOrEqualTo(1e-5);
            lora.unmerge();
            assertThat(PeftFixtures.maxAbsDiff(lora.weight().getArray(), f.get("param.weight"))).isLessThanOrEqualTo(1e-6);
            assertThat(PeftFixtures.maxAbsDiff(lora.forward(x, ForwardContext.eval("vqa")), f.get("y"))).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void zeroBEqualsBase() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = renamed(PeftFixtures.load(manager, "lora"));
            LoraProjection lora = projection();
            PeftFixtures.loadParameters(lora, f, "param.", params);
            lora.b("vqa").getArray().set(new float[12 * 4]);
            NDArray x = f.get("x");
            assertThat(PeftFixtures.maxAbsDiff(lora.forward(x, ForwardContext.eval("vqa")), f.get("y_base"))).isLessThanOrEqualTo(1e-6);
        }
    }
}
