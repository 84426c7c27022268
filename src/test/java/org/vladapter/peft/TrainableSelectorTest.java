package org.vladapter.peft;

import org.vladapter.backbone.ModelType;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.vladapter.peft.adapter.Adapter;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainableSelectorTest {

    private static final List<String> BART = List.of(
            "shared.weight",
            "final_logits_bias",
            "encoder.embed_positions.weight",
            "encoder.layernorm_embedding.weight",
            "encoder.layernorm_embedding.bias",
            "encoder.visual_embedding.feat_embedding.0.weight",
            "encoder.visual_embedding.feat_embedding.1.weight",
            "encoder.visual_embedding.img_order_embedding.weight",
            "encoder.layers.3.self_attn.q_proj.weight",
            "encoder.layers.3.self_attn.q_proj.bias",
            "encoder.layers.3.self_attn.q_proj.lora_As.vqa",
            "encoder.layers.3.self_attn.q_proj.lora_Bs.vqa",
            "encoder.layers.3.self_attn_layer_norm.weight",
            "encoder.layers.3.self_attn_layer_norm.bias",
            "encoder.layers.3.attn_adapter.adapters.vqa.down_sampler.weight",
            "encoder.layers.3.ff_adapter.adapters.gqa.up_sampler.b",
            "encoder.layers.3.fc1.weight",
            "encoder.layers.3.final_layer_norm.weight",
            "encoder.prompt_modules.prompts.vqa.prefix_embedding.0.weight",
            "decoder.layers.0.encoder_attn.v_proj.bias",
            "decoder.layers.0.encoder_attn_layer_norm.weight",
            "shared_task_embed.task_to_embeddings.vqa",
            "decoder.adapter_layers_hyper_net.LayerNorm.weight",
            "decoder.adapter_layers_hyper_net.feed_forward_up_sampler_hyper_net.weight_generator.0.weight",
            "shared_phm_rule.phm_rule");

    private static final List<String> T5 = List.of(
            "shared.weight",
            "encoder.block.0.layer.0.SelfAttention.q.weight",
            "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
            "encoder.block.0.layer.0.layer_norm.weight",
            "encoder.block.0.layer.0.attn_adapter.adapters.vqa.down_sampler.weight",
            "encoder.final_layer_norm.weight",
            "decoder.block.11.layer.2.layer_norm.weight",
            "decoder.final_layer_norm.weight",
            "encoder.visual_embedding.feat_embedding.1.weight");

    private static Set<String> select(Method m, List<String> names) {
        return TrainableSelector.forMethod(m).select(names);
    }

    @Test
    void visualEmbeddingAlwaysTrainsAndSharedOnlyInFullFineTuning() {
        for (Method m : Method.values()) {
            Set<String> s = select(m, BART);
            assertThat(s).as(m.name()).contains("encoder.visual_embedding.feat_embedding.0.weight",
                    "encoder.visual_embedding.img_order_embedding.weight");
            assertThat(s.contains("shared.weight")).as(m.name()).isEqualTo(m == Method.FULL_FINETUNING);
            assertThat(s).as("buffer never trains").doesNotContain("final_logits_bias");
        }
        assertThat(select(Method.FULL_FINETUNING, BART)).hasSize(BART.size() - 1);
    }

    @Test
    void adapterFamilyTrainsAdaptersAndEveryBartLayerNorm() {
        for (Method m : List.of(Method.ADAPTER, Method.HALF_SHARED_ADAPTER, Method.COMPACTER)) {
            assertThat(select(m, BART)).containsExactlyInAnyOrder(
                    "encoder.layernorm_embedding.weight", "encoder.layernorm_embedding.bias",
                    "encoder.visual_embedding.feat_embedding.0.weight", "encoder.visual_embedding.feat_embedding.1.weight",
                    "encoder.visual_embedding.img_order_embedding.weight",
                    "encoder.layers.3.self_attn_layer_norm.weight", "encoder.layers.3.self_attn_layer_norm.bias",
                    "encoder.layers.3.attn_adapter.adapters.vqa.down_sampler.weight",
                    "encoder.layers.3.ff_adapter.adapters.gqa.up_sampler.b",
                    "encoder.layers.3.final_layer_norm.weight", "decoder.layers.0.encoder_attn_layer_norm.weight",
                    "decoder.adapter_layers_hyper_net.LayerNorm.weight", "shared_phm_rule.phm_rule");
        }
        assertThat(TrainableSelector.forMethod(Method.ADAPTER).reason("encoder.layers.3.final_layer_norm.weight")).contains("layer norm");
    }

    @Test
    void hyperformerLoraAndPromptRules() {
        assertThat(select(Method.HYPERFORMER, BART)).contains(
                "shared_task_embed.task_to_embeddings.vqa",
                "decoder.adapter_layers_hyper_net.feed_forward_up_sampler_hyper_net.weight_generator.0.weight",
                "encoder.layers.3.self_attn_layer_norm.bias")
                .doesNotContain("encoder.layers.3.attn_adapter.adapters.vqa.down_sampler.weight");
        assertThat(select(Method.LORA, BART)).containsExactlyInAnyOrder(
                "encoder.layernorm_embedding.bias",
                "encoder.visual_embedding.feat_embedding.0.weight", "encoder.visual_embedding.feat_embedding.1.weight",
                "encoder.visual_embedding.img_order_embedding.weight",
                "encoder.layers.3.self_attn.q_proj.bias", "encoder.layers.3.self_attn.q_proj.lora_As.vqa",
                "encoder.layers.3.self_attn.q_proj.lora_Bs.vqa", "encoder.layers.3.self_attn_layer_norm.bias",
                "decoder.layers.0.encoder_attn.v_proj.bias");
        assertThat(select(Method.PROMPT, BART)).containsExactlyInAnyOrder(
                "encoder.visual_embedding.feat_embedding.0.weight", "encoder.visual_embedding.feat_embedding.1.weight",
                "encoder.visual_embedding.img_order_embedding.weight",
                "encoder.prompt_modules.prompts.vqa.prefix_embedding.0.weight");
        assertThat(select(Method.VISUAL_PROJECTION_ONLY, BART)).hasSize(3);
        assertThat(select(Method.VISUAL_PROJECTION_LAYERNORM, BART)).hasSize(3 + 7);
    }

    @Test
    void t5LayerNormQuirkIsFaithfulByDefaultAndCanBeFixed() {
        assertThat(select(Method.ADAPTER, T5)).containsExactlyInAnyOrder(
                "encoder.block.0.layer.0.attn_adapter.adapters.vqa.down_sampler.weight",
                "encoder.visual_embedding.feat_embedding.1.weight");
        TrainableSelector fixed = TrainableSelector.builder().method(Method.ADAPTER).unfreezeT5LayerNorms(true).build();
        assertThat(fixed.select(T5)).containsExactlyInAnyOrder(
                "encoder.block.0.layer.0.attn_adapter.adapters.vqa.down_sampler.weight",
                "encoder.visual_embedding.feat_embedding.1.weight", "encoder.block.0.layer.0.layer_norm.weight",
                "encoder.final_layer_norm.weight", "decoder.block.11.layer.2.layer_norm.weight",
                "decoder.final_layer_norm.weight");
        // LoRA's "bias" substring rule also catches T5's relative_attention_bias, as the original would
        assertThat(select(Method.LORA, T5)).contains("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight");
        assertThat(ModelType.detect(T5)).isEqualTo(ModelType.T5);
        assertThat(ModelType.detect(BART)).isEqualTo(ModelType.BART);
    }

    @Test
    void applyFreezesParametersAndTheSummaryReadsThem() {
        SyntheticBackbone.Node root = new SyntheticBackbone.Node();
        SyntheticBackbone.Node layer = root.add("encoder", new SyntheticBackbone.Node()).add("layers", new SyntheticBackbone.Node())
                .add("0", new SyntheticBackbone.Node());
        layer.add("fc1", new SyntheticBackbone.Leaf().add("weight", 8, 4).add("bias", 8));
        layer.add("ff_adapter", new AdapterController<>(TaskRouted.single(List.of("vqa"), k -> Adapter.create(4, 2, ModelType.BART))));
        try (NDManager params = NDManager.newBaseManager()) {
            root.initialize(params, DataType.FLOAT32);
            int n = TrainableSelector.forMethod(Method.ADAPTER).apply(root.namedParameters());
            assertThat(n).isEqualTo(4);
            assertThat(root.namedParameters().get("encoder.layers.0.fc1.weight").requiresGradient()).isFalse();
            assertThat(root.namedParameters().get("encoder.layers.0.fc1.weight").getArray().hasGradient()).isFalse();
            ParameterSummary s = ParameterSummary.of(root.namedParameters());
            assertThat(s.trainableParams()).isEqualTo(2 * 4 + 2 + 4 * 2 + 4);
            assertThat(s.allParams()).isEqualTo(s.trainableParams() + 8 * 4 + 8);
        }
        assertThatThrownBy(() -> TrainableSelector.builder().build()).hasMessageContaining("method");
    }
}
