package org.vladapter.peft.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.ProjectionSite;
import org.vladapter.backbone.ProjectionSite.Role;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.Dense;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Projection;
import org.vladapter.peft.BackboneShape;
import org.vladapter.nn.Initializers;
import org.vladapter.peft.Placement;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoraHooksTest {

    private static final List<String> TASKS = List.of("vqa", "gqa");

    private static ProjectionSite site(Stack stack, SubLayer sub, Role role) {
        return new ProjectionSite(stack, 0, sub, "x_proj", role, 16, 12, true, Initializers.normal(0.02), Initializers.normal(0.02));
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void targetsQueryAndValueOfTheThreeAttentions() {
        LoraHooks hooks = new LoraHooks(LoraConfig.builder().rank(4).build(), TASKS);
        for (Placement p : Placement.attention()) {
            for (Role r : new Role[] {Role.QUERY, Role.KEY, Role.VALUE, Role.OUTPUT}) {
                Projection proj = hooks.projection(site(p.stack(), p.subLayer(), r));
                boolean lora = r == Role.QUERY || r == Role.VALUE;
                assertThat(proj instanceof LoraProjection).as(p + " " + r).isEqualTo(lora);
                assertThat(proj).isInstanceOf(Dense.class);
            }
        }
        assertThat(hooks.projection(site(Stack.DECODER, SubLayer.FEED_FORWARD, Role.FFN_IN))).isNotInstanceOf(LoraProjection.class);
        assertThat(hooks.projections()).hasSize(6);
        LoraProjection q = hooks.projections().get(0);
        assertThat(q.namedParameters().keySet()).containsExactly(
                "weight", "bias", "lora_As.vqa", "lora_As.gqa", "lora_Bs.vqa", "lora_Bs.gqa");
        assertThat(q.a("vqa").getShape()).isEqualTo(new Shape(4, 16));
        assertThat(q.b("gqa").getShape()).isEqualTo(new Shape(12, 4));

        LoraHooks ffn = new LoraHooks(LoraConfig.builder().targetRoles(EnumSet.of(Role.FFN_IN))
                .targetPlacements(EnumSet.of(Placement.ENCODER_FEED_FORWARD)).build(), TASKS);
        assertThat(ffn.projection(site(Stack.ENCODER, SubLayer.FEED_FORWARD, Role.FFN_IN))).isInstanceOf(LoraProjection.class);
        assertThat(ffn.projection(site(Stack.ENCODER, SubLayer.SELF_ATTENTION, Role.QUERY))).isNotInstanceOf(LoraProjection.class);
        LoraProjection single = (LoraProjection) new LoraHooks(LoraConfig.single(), TASKS)
                .projection(site(Stack.ENCODER, SubLayer.SELF_ATTENTION, Role.VALUE));
        assertThat(single.namedParameters().keySet()).containsExactly("weight", "bias", "lora_As.vqa", "lora_Bs.vqa");
    }

    @Test
    void newLoraEqualsBaseAndMergeUnmergeRoundTrips() {
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            LoraHooks hooks = new LoraHooks(LoraConfig.builder().rank(4).build(), TASKS);
            LoraProjection p = (LoraProjection) hooks.projection(site(Stack.DECODER, SubLayer.CROSS_ATTENTION, Role.VALUE));
            p.initialize(params, DataType.FLOAT32);
            NDArray x = batch.randomNormal(new Shape(2, 3, 16));
            NDArray base = x.matMul(p.weight().getArray().transpose()).add(p.bias().getArray());
            assertThat(maxDiff(p.forward(x, ForwardContext.eval("vqa")), base)).isLessThan(1e-6f); // B = 0
            assertThat(p.a("vqa").getArray().abs().max().getFloat()).isBetween(0.2f, 0.25f); // U(±1/4)

            p.b("vqa").getArray().set(batch.randomNormal(new Shape(12, 4)).toFloatArray());
            p.b("gqa").getArray().set(batch.randomNormal(new Shape(12, 4)).toFloatArray());
            NDArray w0 = p.weight().getArray().duplicate();
            NDArray yVqa = p.forward(x, ForwardContext.eval("vqa"));
            NDArray yGqa = p.forward(x, ForwardContext.eval("gqa"));
            assertThat(maxDiff(yVqa, base)).isGreaterThan(1e-3f);

            hooks.mergeAll("gqa");
            assertThat(p.isMerged()).isTrue();
            assertThat(maxDiff(p.forward(x, ForwardContext.eval("gqa")), yGqa)).isLessThan(1e-5f);
            assertThatThrownBy(() -> p.forward(x, ForwardContext.eval("vqa"))).hasMessageContaining("merged for 'gqa'");
            assertThatThrownBy(() -> p.forward(x, ForwardContext.train("gqa"))).hasMessageContaining("before training");
            assertThatThrownBy(() -> p.merge("vqa")).hasMessageContaining("already merged");
            assertThatThrownBy(p::merge).hasMessageContaining("merge(task)");
            hooks.unmergeAll();
            assertThat(maxDiff(p.weight().getArray(), w0)).isLessThan(1e-5f);
            assertThat(maxDiff(p.forward(x, ForwardContext.eval("vqa")), yVqa)).isLessThan(1e-5f);
        }
    }

    @Test
    void dropoutOnlyInTraining() {
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            LoraProjection p = (LoraProjection) new LoraHooks(LoraConfig.builder().rank(4).dropout(0.5).build(), TASKS)
                    .projection(site(Stack.ENCODER, SubLayer.SELF_ATTENTION, Role.QUERY));
            p.initialize(params, DataType.FLOAT32);
            p.b("vqa").getArray().set(batch.ones(new Shape(12, 4)).toFloatArray());
            NDArray x = batch.randomNormal(new Shape(4, 8, 16));
            assertThat(maxDiff(p.forward(x, ForwardContext.eval("vqa")), p.forward(x, ForwardContext.eval("vqa")))).isZero();
            assertThat(maxDiff(p.forward(x, ForwardContext.train("vqa")), p.forward(x, ForwardContext.eval("vqa")))).isGreaterThan(1e-3f);
        }
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThatThrownBy(() -> LoraConfig.builder().rank(0).build()).hasMessageContaining("rank must be > 0");
        assertThatThrownBy(() -> LoraConfig.builder().alpha(0).build()).hasMessageContaining("alpha");
        assertThatThrownBy(() -> LoraConfig.builder().dropout(1.0).build()).hasMessageContaining("dropout must be in [0, 1)");
        assertThatThrownBy(() -> LoraConfig.builder().targetPlacements(EnumSet.of(Placement.DECODER_FEED_FORWARD)).build())
                .hasMessageContaining("DECODER_FEED_FORWARD has none of the target roles");
        assertThatThrownBy(() -> LoraConfig.builder().targetRoles(EnumSet.noneOf(Role.class)).build())
                .hasMessageContaining("targetRoles must not be empty");
        LoraConfig paper = LoraConfig.multiple();
        assertThat(paper.rank()).isEqualTo(128);
        assertThat(paper.scaling()).isEqualTo(0.25);
        assertThat(paper.dropout()).isEqualTo(0.1);
        assertThat(paper.createHooks(TASKS, BackboneShape.bartBase())).isInstanceOf(LoraHooks.class);
    }
}
