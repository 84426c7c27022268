package org.vladapter.peft.adapter;

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
import org.vladapter.peft.AdapterController;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.BackboneShape;
import org.vladapter.peft.Method;
import org.vladapter.peft.Sharing;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdapterHooksTest {

    private static final List<String> TASKS = List.of("vqa", "gqa", "nlvr");

    private static AdapterSite site(Stack stack, SubLayer sub) {
        return new AdapterSite(stack, 1, 6, sub, 16);
    }

    @SuppressWarnings("unchecked")
    private static AdapterController<Adapter> controller(SiteAdapter a) {
        return (AdapterController<Adapter>) a;
    }

    @Test
    void everySiteGetsItsOwnAdapterAndCrossAttentionIsOptional() {
        AdapterHooks hooks = new AdapterHooks(AdapterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(4).build(), TASKS, ModelType.BART);
        SiteAdapter a = hooks.adapter(site(Stack.ENCODER, SubLayer.SELF_ATTENTION));
        SiteAdapter b = hooks.adapter(site(Stack.ENCODER, SubLayer.SELF_ATTENTION));
        assertThat(a).isNotSameAs(b);
        assertThat(hooks.adapter(site(Stack.DECODER, SubLayer.CROSS_ATTENTION))).isNotNull();
        assertThat(a.asModule().namedParameters().keySet()).contains("adapters.vqa.down_sampler.weight", "adapters.nlvr.up_sampler.bias");
        assertThat(a.asModule().namedParameters().get("adapters.gqa.down_sampler.weight").getShape()).isEqualTo(new Shape(4, 16));

        AdapterHooks noCross = new AdapterHooks(AdapterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(4).crossAttention(false).build(),
                TASKS, ModelType.BART);
        assertThat(noCross.adapter(site(Stack.DECODER, SubLayer.CROSS_ATTENTION))).isNull();
        assertThat(noCross.adapter(site(Stack.DECODER, SubLayer.FEED_FORWARD))).isNotNull();
    }

    @Test
    void halfSharedSharesTheUpSamplerOnly() {
        AdapterConfig config = AdapterConfig.halfShared();
        assertThat(config.method()).isEqualTo(Method.HALF_SHARED_ADAPTER);
        AdapterController<Adapter> c = controller(
                new AdapterHooks(config, TASKS, ModelType.BART).adapter(new AdapterSite(Stack.ENCODER, 0, 6, SubLayer.FEED_FORWARD, 768)));
        Adapter vqa = c.adapters().route("vqa");
        Adapter gqa = c.adapters().route("gqa");
        assertThat(gqa).isNotSameAs(vqa);
        assertThat(gqa.upSampler()).isSameAs(vqa.upSampler());
        assertThat(gqa.downSampler()).isNotSameAs(vqa.downSampler());
        assertThat(c.namedParameters().keySet()).containsExactly(
                "adapters.vqa.down_sampler.weight", "adapters.vqa.down_sampler.bias",
                "adapters.vqa.up_sampler.weight", "adapters.vqa.up_sampler.bias",
                "adapters.gqa.down_sampler.weight", "adapters.gqa.down_sampler.bias",
                "adapters.nlvr.down_sampler.weight", "adapters.nlvr.down_sampler.bias");
        // the shared half is a DJL child once only
        assertThat(c.getParameters().size()).isEqualTo(8);

        AdapterController<Adapter> d = controller(new AdapterHooks(AdapterConfig.builder().sharing(Sharing.MULTIPLE).shareDownSampler(true).build(),
                TASKS, ModelType.BART).adapter(new AdapterSite(Stack.ENCODER, 0, 6, SubLayer.FEED_FORWARD, 768)));
        assertThat(d.adapters().route("nlvr").downSampler()).isSameAs(d.adapters().route("vqa").downSampler());
        assertThat(d.adapters().route("nlvr").upSampler()).isNotSameAs(d.adapters().route("vqa").upSampler());
    }

    @Test
    void siteAdapterIsResidualAndRoutesByTask() {
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            AdapterController<Adapter> c = controller(new AdapterHooks(AdapterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(4).build(),
                    TASKS, ModelType.T5).adapter(site(Stack.DECODER, SubLayer.SELF_ATTENTION)));
            c.initialize(params, DataType.FLOAT32);
            params.cap();
            NDArray x = batch.randomNormal(new Shape(2, 3, 16));
            for (String t : TASKS) {
                NDArray expected = x.add(c.adapters().route(t).branch(x, ForwardContext.EVAL));
                assertThat(c.apply(x, ForwardContext.eval(t)).sub(expected).abs().max().getFloat()).isLessThan(1e-6f);
            }
            assertThat(c.apply(x, ForwardContext.eval("vqa")).sub(c.apply(x, ForwardContext.eval("gqa"))).abs().max().getFloat())
                    .isGreaterThan(1e-4f);
        }
    }

    @Test
    void initialisationFollowsTheBackbone() {
        try (NDManager params = NDManager.newBaseManager()) {
            Adapter bart = Adapter.create(768, 96, ModelType.BART);
            Adapter t5 = Adapter.create(768, 96, ModelType.T5);
            bart.initialize(params, DataType.FLOAT32);
            t5.initialize(params, DataType.FLOAT32);
            NDArray w = bart.downSampler().weight().getArray();
            assertThat(w.sub(w.mean()).pow(2).mean().sqrt().getFloat()).isBetween(0.019f, 0.021f);
            assertThat(bart.downSampler().bias().getArray().abs().max().getFloat()).isZero();
            float bound = (float) (1 / Math.sqrt(768));
            assertThat(t5.downSampler().weight().getArray().abs().max().getFloat()).isBetween(0.9f * bound, bound);
            assertThat(t5.downSampler().bias().getArray().abs().max().getFloat()).isBetween(0.5f * bound, bound);
            float upBound = (float) (1 / Math.sqrt(96));
            assertThat(t5.upSampler().weight().getArray().abs().max().getFloat()).isBetween(0.9f * upBound, upBound);
        }
    }

    @Test
    void invalidOptionsAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> AdapterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(0).build()).hasMessageContaining("reductionFactor must be > 0");
        assertThatThrownBy(() -> AdapterConfig.builder().sharing(Sharing.SINGLE).shareUpSampler(true).build())
                .hasMessageContaining("MULTIPLE");
        assertThatThrownBy(() -> AdapterConfig.builder().sharing(Sharing.MULTIPLE).shareUpSampler(true).shareDownSampler(true).build())
                .hasMessageContaining("use sharing SINGLE");
        assertThatThrownBy(() -> AdapterConfig.builder().sharing(Sharing.MULTIPLE).placements(java.util.Set.of()).build()).hasMessageContaining("placements");
        AdapterHooks hooks = new AdapterHooks(AdapterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(5).build(), TASKS, ModelType.BART);
        assertThatThrownBy(() -> hooks.adapter(site(Stack.ENCODER, SubLayer.FEED_FORWARD)))
                .hasMessageContaining("reduction factor 5 does not divide the hidden size 16");
        assertThat(AdapterConfig.single().createHooks(TASKS, BackboneShape.bartBase())).isInstanceOf(AdapterHooks.class);
        assertThat(AdapterConfig.single().asMap()).containsEntry("reductionFactor", 8).containsEntry("sharing", "SINGLE");
    }
}
