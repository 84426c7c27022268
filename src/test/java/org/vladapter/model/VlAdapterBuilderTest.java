package org.vladapter.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.vladapter.model.TinyVl.Tiny;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.Sharing;
import org.vladapter.tasks.Task;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder's method presets, options and bad input, and the per-task routing rule on real names. */
class VlAdapterBuilderTest {

    private static VlAdapter.Builder bart(MethodPreset preset) {
        return TinyVl.builder(Tiny.BART, preset);
    }

    @Test
    void presetsBuildThePapersConfigsAndAcceptOptions() {
        for (MethodPreset p : MethodPreset.values()) {
            assertThat(bart(p).methodConfig().asMap()).as(p.cliName()).isEqualTo(p.defaultConfig().asMap());
        }
        assertThat(bart(MethodPreset.MULTIPLE_LORA).rank(8).methodConfig().asMap()).containsEntry("rank", 8)
                .containsEntry("sharing", "MULTIPLE");
        assertThat(bart(MethodPreset.SINGLE_COMPACTER).option("phm_dim", "4").methodConfig().asMap())
                .containsEntry("phmDim", 4);
        assertThat(bart(MethodPreset.SINGLE_LORA).option("alpha", "16").methodConfig().asMap()).containsEntry("alpha", 16.0);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> VlAdapter.builder().method("double-adapter"))
                .hasMessageContaining("unknown method 'double-adapter'").hasMessageContaining("single-adapter");
        assertThatThrownBy(() -> bart(MethodPreset.SINGLE_LORA).option("ranq", "8"))
                .hasMessageContaining("unknown option 'ranq'").hasMessageContaining("rank");
        assertThatThrownBy(() -> bart(MethodPreset.SINGLE_LORA).option("rank", "eight"))
                .hasMessageContaining("option 'rank' needs an integer, got 'eight'");
        assertThatThrownBy(() -> bart(MethodPreset.SINGLE_ADAPTER).rank(8).methodConfig())
                .hasMessageContaining("[rank] do not apply to method ADAPTER").hasMessageContaining("reduction_factor");
        assertThatThrownBy(() -> bart(MethodPreset.FULL_FINETUNING).promptLength(8).methodConfig())
                .hasMessageContaining("it has no options");
        assertThatThrownBy(() -> bart(MethodPreset.HYPERFORMER).sharing(Sharing.SINGLE).methodConfig())
                .hasMessageContaining("sharing does not apply to method HYPERFORMER");
        assertThatThrownBy(() -> bart(MethodPreset.MULTIPLE_ADAPTERS).sharing(Sharing.SINGLE).methodConfig())
                .hasMessageContaining("sharing SINGLE contradicts method multiple-adapters");
        assertThatThrownBy(() -> VlAdapter.builder().method(MethodPreset.SINGLE_ADAPTER).tasks(Task.VQA).build())
                .hasMessageContaining("no backbone");
        assertThatThrownBy(() -> VlAdapter.builder().backbone(Tiny.T5.backbone()).method(MethodPreset.SINGLE_ADAPTER).build())
                .hasMessageContaining("no tasks");
    }

    @Test
    void shapeOnlySummaryEqualsTheBuiltModelsCount() {
        for (MethodPreset p : new MethodPreset[] {MethodPreset.HYPERFORMER, MethodPreset.MULTIPLE_PROMPTS, MethodPreset.SINGLE_LORA}) {
            VlModel model = bart(p).build();
            try (NDManager ignored = model.manager()) {
                assertThat(bart(p).parameterSummary().line()).isEqualTo(model.parameterSummary().line());
            }
        }
    }

    @Test
    void usesParameterFollowsTheRealNames() {
        Map<MethodPreset, String[][]> cases = Map.of(
                // {name, task, expected}
                MethodPreset.MULTIPLE_ADAPTERS, new String[][] {
                    {"model.encoder.layers.0.attn_adapter.adapters.vqa.down_sampler.weight", "vqa", "true"},
                    {"model.encoder.layers.0.attn_adapter.adapters.vqa.down_sampler.weight", "gqa", "false"},
                    {"model.decoder.layers.1.ff_adapter.adapters.caption.up_sampler.bias", "nlvr", "false"},
                    {"model.encoder.layers.0.final_layer_norm.weight", "gqa", "true"}},
                MethodPreset.HALF_SHARED_ADAPTERS, new String[][] {
                    {"model.encoder.layers.0.attn_adapter.adapters.vqa.up_sampler.weight", "gqa", "true"},
                    {"model.encoder.layers.0.attn_adapter.adapters.vqa.down_sampler.weight", "gqa", "false"},
                    {"model.encoder.layers.0.attn_adapter.adapters.gqa.down_sampler.weight", "gqa", "true"}},
                MethodPreset.MULTIPLE_LORA, new String[][] {
                    {"model.encoder.layers.0.self_attn.q_proj.lora_As.nlvr", "nlvr", "true"},
                    {"model.decoder.layers.1.encoder_attn.v_proj.lora_Bs.nlvr", "vqa", "false"},
                    {"model.decoder.layers.1.encoder_attn.v_proj.bias", "vqa", "true"}},
                MethodPreset.MULTIPLE_PROMPTS, new String[][] {
                    {"model.encoder.prompt_modules.prompts.caption.prefix_embedding.0.weight", "caption", "true"},
                    {"model.encoder.prompt_modules.prompts.caption.prefix_embedding.0.weight", "vqa", "false"}},
                MethodPreset.HYPERFORMER, new String[][] {
                    {"model.shared_task_embed.task_to_embeddings.vqa", "vqa", "true"},
                    {"model.shared_task_embed.task_to_embeddings.gqa", "vqa", "false"},
                    {"model.encoder.adapter_layers_hyper_net.layer_id_embeddings.weight", "vqa", "true"}},
                MethodPreset.SINGLE_ADAPTER, new String[][] {
                    {"model.encoder.layers.0.attn_adapter.adapters.vqa.down_sampler.weight", "caption", "true"}});
        cases.forEach((preset, rows) -> {
            VlModel model = bart(preset).build();
            try (NDManager ignored = model.manager()) {
                Set<String> names = model.namedParameters().keySet();
                for (String[] r : rows) {
                    assertThat(names).as(preset.cliName()).contains(r[0]);
                    assertThat(model.usesParameter(r[1], r[0])).as("%s %s %s", preset.cliName(), r[1], r[0])
                            .isEqualTo(Boolean.parseBoolean(r[2]));
                }
            }
        });
    }

    @Test
    void rebuildsFromAnAdapterCheckpointsConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        VlModel model = bart(MethodPreset.MULTIPLE_LORA).rank(4).alpha(8).build();
        try (NDManager ignored = model.manager()) {
            AdapterCheckpoint.save(model, dir.resolve("ckpt"));
        }
        VlModel rebuilt = VlAdapter.builder().fromAdapterCheckpoint(dir.resolve("ckpt")).build();
        try (NDManager ignored = rebuilt.manager()) {
            assertThat(rebuilt.method().method()).isEqualTo(Method.LORA);
            assertThat(rebuilt.method().asMap()).containsEntry("rank", 4).containsEntry("alpha", 8.0);
            assertThat(rebuilt.provenance()).containsEntry("method_preset", null).containsEntry("seed", TinyVl.SEED);
        }
    }

    @Test
    void backboneDropoutIsForcedToThePapersValueUnlessSet() {
        // the tiny checkpoint's config has every dropout at 0; VL-Adapter forces all three to --dropout 0.1
        try (NDManager m = NDManager.newBaseManager()) {
            VlModel paper = VlAdapter.builder().backbone(org.vladapter.backbone.FixtureTensors.folder("bart-tiny").toString())
                    .method("single-adapter").tasks(Task.VQA).featureDim(8).manager(m).build();
            assertThat(paper.config().dropout()).isEqualTo(0.1f);
            assertThat(paper.config().attentionDropout()).isEqualTo(0.1f);
            assertThat(paper.config().activationDropout()).isEqualTo(0.1f);
            assertThat(paper.provenance()).containsEntry("dropout", 0.1f);
            VlModel none = VlAdapter.builder().backbone(org.vladapter.backbone.FixtureTensors.folder("bart-tiny").toString())
                    .method("single-adapter").tasks(Task.VQA).featureDim(8).dropout(0f).manager(m).build();
            assertThat(none.config().dropout()).isZero();
        }
        assertThatThrownBy(() -> VlAdapter.builder().dropout(1f)).hasMessageContaining("dropout");
    }
}
