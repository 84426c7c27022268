package org.vladapter.peft.compacter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.PeftFixtures;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompacterParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"compacter", "compacter_kron"})
    void phmAdapterMatchesPyTorch(String fixture) {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = PeftFixtures.load(manager, fixture);
            CompacterAdapter adapter = new CompacterAdapter(16, 4, CompacterConfig.builder().reductionFactor(4).build(), null);
            PeftFixtures.loadParameters(adapter, f, "param.", params);
            params.cap();
            NDArray x = f.get("x");
            assertThat(PeftFixtures.maxAbsDiff(adapter.downSampler().forward(x), f.get("down_out"))).isLessThanOrEqualTo(1e-6);
            assertThat(PeftFixtures.maxAbsDiff(adapter.branch(x, ForwardContext.EVAL), f.get("y"))).isLessThanOrEqualTo(1e-6);
        }
    }
}
