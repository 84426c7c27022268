package org.vladapter.peft.hyperformer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.BackboneShape;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HyperformerHooksTest {

    private static final List<String> TASKS = List.of("vqa", "gqa");
    private static final HyperformerConfig SMALL = HyperformerConfig.builder().taskEmbeddingDim(8).taskHiddenDim(6)
            .projectedTaskEmbeddingDim(4).reductionFactor(4).build();
    private static final BackboneShape SHAPE = new BackboneShape(ModelType.BART, 16, 2, 3);

    @Test
    void rootModulesCarryTheOriginalNames() {
        HyperformerHooks hooks = new HyperformerHooks(SMALL, TASKS, SHAPE);
        Map<String, Module> roots = hooks.rootModules();
        assertThat(roots.keySet()).containsExactly(
                "shared_task_embed", "encoder.adapter_layers_hyper_net", "decoder.adapter_layers_hyper_net");
        assertThat(roots.get("shared_task_embed").namedParameters().keySet())
                .containsExactly("task_to_embeddings.vqa", "task_to_embeddings.gqa");
        assertThat(roots.get("decoder.adapter_layers_hyper_net").namedParameters().keySet()).contains(
                "layer_id_embeddings.weight", "task_hypernet.task_embeding_generator.0.weight",
                "task_hypernet.task_embeding_generator.2.bias", "LayerNorm.weight",
                "cross_attention_up_sampler_hyper_net.weight_generator.0.weight",
                "feed_forward_down_sampler_hyper_net.bias_generator.0.bias");
        assertThat(roots.get("encoder.adapter_layers_hyper_net").namedParameters().keySet())
                .noneMatch(n -> n.startsWith("cross_attention"));
        SiteAdapter site = hooks.adapter(new AdapterSite(Stack.DECODER, 2, 3, SubLayer.CROSS_ATTENTION, 16));
        assertThat(site.asModule().namedParameters()).isEmpty();
        assertThatThrownBy(() -> hooks.adapter(new AdapterSite(Stack.ENCODER, 0, 6, SubLayer.FEED_FORWARD, 16)))
                .hasMessageContaining("built for d_model 16 and 2 ENCODER layers");
        assertThat(new HyperformerHooks(HyperformerConfig.builder().crossAttention(false).build(), TASKS, BackboneShape.bartBase())
                .adapter(new AdapterSite(Stack.DECODER, 0, 6, SubLayer.CROSS_ATTENTION, 768))).isNull();
    }

    @Test
    void gradientsReachTaskEmbeddingsAndGenerators() {
        HyperformerHooks hooks = new HyperformerHooks(SMALL, TASKS, SHAPE);
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            for (Module m : hooks.rootModules().values()) {
                m.initialize(params, DataType.FLOAT32);
            }
            SiteAdapter site = hooks.adapter(new AdapterSite(Stack.DECODER, 1, 3, SubLayer.FEED_FORWARD, 16));
            NDArray x = batch.randomNormal(new Shape(2, 3, 16));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = site.apply(x, ForwardContext.train("gqa"));
                gc.backward(y.pow(2).sum());
            }
            Map<String, Parameter> dec = hooks.controller(Stack.DECODER).namedParameters();
            assertThat(grad(dec.get("feed_forward_up_sampler_hyper_net.weight_generator.0.weight"))).isGreaterThan(0f);
            assertThat(grad(dec.get("task_hypernet.task_embeding_generator.0.weight"))).isGreaterThan(0f);
            assertThat(grad(dec.get("self_attention_up_sampler_hyper_net.weight_generator.0.weight"))).isZero();
            Map<String, Parameter> tasks = hooks.taskEmbeddings().namedParameters();
            assertThat(grad(tasks.get("task_to_embeddings.gqa"))).isGreaterThan(0f);
            assertThat(grad(tasks.get("task_to_embeddings.vqa"))).isZero();
        }
    }

    private static float grad(Parameter p) {
        return p.getArray().getGradient().abs().sum().getFloat();
    }

    @Test
    void paperDefaultsAndValidation() {
        HyperformerConfig c = HyperformerConfig.paper();
        assertThat(c.taskEmbeddingDim()).isEqualTo(512);
        assertThat(c.taskHiddenDim()).isEqualTo(128);
        assertThat(c.projectedTaskEmbeddingDim()).isEqualTo(8);
        assertThatThrownBy(() -> HyperformerConfig.builder().projectedTaskEmbeddingDim(-1).build())
                .hasMessageContaining("projectedTaskEmbeddingDim must be > 0");
        // bart-base decoder generators: 3 block types x (8 -> 73728 and 8 -> 96 / 768)
        Module dec = new HyperformerHooks(c, TASKS, BackboneShape.bartBase()).controller(Stack.DECODER);
        assertThat(dec.namedParameters().get("self_attention_down_sampler_hyper_net.weight_generator.0.weight").getShape())
                .isEqualTo(new Shape(96 * 768, 8));
        assertThat(dec.namedParameters().get("task_hypernet.task_embeding_generator.0.weight").getShape()).isEqualTo(new Shape(128, 1024));
    }
}
