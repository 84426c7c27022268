package org.vladapter.peft.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.AdapterController;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.PeftFixtures;
import org.vladapter.peft.TaskRouted;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdapterParityTest {

    @Test
    void bottleneckMatchesPyTorchAdapter() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = PeftFixtures.load(manager, "adapter");
            Adapter adapter = Adapter.create(16, 4, ModelType.BART);
            PeftFixtures.loadParameters(adapter, f, "param.", params);
            params.cap(); // a forward must not attach anything to the parameters' manager
            NDArray x = f.get("x");
            assertThat(PeftFixtures.maxAbsDiff(adapter.branch(x, ForwardContext.EVAL), f.get("y"))).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void siteAdapterAddsTheResidual() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = PeftFixtures.load(manager, "adapter");
            TaskRouted<Adapter> routed = TaskRouted.single(List.of("vqa", "gqa"), k -> Adapter.create(16, 4, ModelType.T5));
            AdapterController<Adapter> site = new AdapterController<>(routed);
            Map<String, NDArray> renamed = new java.util.LinkedHashMap<>();
            f.forEach((k, v) -> renamed.put(k.replace("param.", "param.adapters.vqa."), v));
            PeftFixtures.loadParameters(site, renamed, "param.", params);
            NDArray x = f.get("x");
            NDArray expected = x.add(f.get("y"));
            assertThat(PeftFixtures.maxAbsDiff(site.apply(x, ForwardContext.eval("gqa")), expected)).isLessThanOrEqualTo(1e-6);
        }
    }
}
