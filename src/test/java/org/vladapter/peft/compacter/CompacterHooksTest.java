package org.vladapter.peft.compacter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.BackboneShape;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompacterHooksTest {

    private static final List<String> TASKS = List.of("vqa", "gqa");
    private static final AdapterSite SITE = new AdapterSite(Stack.ENCODER, 0, 6, SubLayer.FEED_FORWARD, 16);

    @Test
    void ownRulesPerLayerByDefault() {
        CompacterHooks hooks = new CompacterHooks(CompacterConfig.builder().reductionFactor(4).build(), TASKS);
        assertThat(hooks.rootModules()).isEmpty();
        SiteAdapter a = hooks.adapter(SITE);
        assertThat(a.asModule().namedParameters().keySet()).contains(
                "adapters.vqa.down_sampler.phm_rule", "adapters.vqa.down_sampler.W", "adapters.vqa.down_sampler.b",
                "adapters.gqa.up_sampler.phm_rule");
        assertThat(a.asModule().namedParameters().get("adapters.vqa.up_sampler.W").getShape()).isEqualTo(new Shape(2, 2, 8));
    }

    @Test
    void sharedRuleLivesAtTheRootAndFactorisedWeightsHaveRank() {
        CompacterConfig config = CompacterConfig.builder().reductionFactor(4).sharedPhmRule(true)
                .factorizedPhm(true).phmRank(1).sharing(org.vladapter.peft.Sharing.SINGLE).build();
        CompacterHooks hooks = new CompacterHooks(config, TASKS);
        SharedPhmRule rule = (SharedPhmRule) hooks.rootModules().get("shared_phm_rule");
        assertThat(rule.namedParameters().keySet()).containsExactly("phm_rule");
        SiteAdapter a = hooks.adapter(SITE);
        assertThat(a.asModule().namedParameters().keySet()).containsExactly(
                "adapters.vqa.down_sampler.W_left", "adapters.vqa.down_sampler.W_right", "adapters.vqa.down_sampler.b",
                "adapters.vqa.up_sampler.W_left", "adapters.vqa.up_sampler.W_right", "adapters.vqa.up_sampler.b");
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            NDArray x = batch.randomNormal(new Shape(2, 3, 16));
            // before the root rule is initialised the error says what to do
            a.asModule().initialize(params, DataType.FLOAT32);
            assertThatThrownBy(() -> a.apply(x, ForwardContext.eval("gqa"))).hasMessageContaining("rootModules()");
            rule.initialize(params, DataType.FLOAT32);
            params.cap();
            assertThat(a.apply(x, ForwardContext.eval("gqa")).getShape()).isEqualTo(new Shape(2, 3, 16));
        }
    }

    @Test
    void kroneckerSumIsTheDefinition() {
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            PhmLinear layer = new PhmLinear(4, 6, 2, null, false, 1, 0.5);
            layer.initialize(params, DataType.FLOAT32);
            float[] rule = layer.namedParameters().get("phm_rule").getArray().toFloatArray(); // [2,2,2]
            float[] w = layer.namedParameters().get("W").getArray().toFloatArray(); // [2,2,3]
            float[] h = layer.kroneckerSum(batch).toFloatArray(); // [4,6]
            for (int row = 0; row < 4; row++) {
                for (int col = 0; col < 6; col++) {
                    int a = row / 2, k = row % 2, c = col / 3, p = col % 3;
                    float expected = 0;
                    for (int i = 0; i < 2; i++) {
                        expected += rule[i * 4 + a * 2 + c] * w[i * 6 + k * 3 + p];
                    }
                    assertThat(h[row * 6 + col]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
        }
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThatThrownBy(() -> CompacterConfig.builder().phmDim(0).build()).hasMessageContaining("phmDim must be > 0");
        assertThatThrownBy(() -> CompacterConfig.builder().phmInitRange(-1).build()).hasMessageContaining("phmInitRange");
        assertThatThrownBy(() -> CompacterConfig.builder().phmRank(0).build()).hasMessageContaining("phmRank");
        CompacterHooks hooks = new CompacterHooks(CompacterConfig.builder().reductionFactor(4).phmDim(3).build(), TASKS);
        assertThatThrownBy(() -> hooks.adapter(SITE)).hasMessageContaining("phmDim 3 must divide the hidden size 16");
        assertThat(CompacterConfig.single().createHooks(TASKS, BackboneShape.bartBase())).isInstanceOf(CompacterHooks.class);
        assertThat(CompacterConfig.multiple().asMap()).containsEntry("phmDim", 2).containsEntry("phmInitRange", 0.01);
    }
}
