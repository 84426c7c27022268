package org.vladapter.peft;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelType;
import org.vladapter.tasks.Task;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The method registry: each method's spec and configuration hold what the library routes through them. */
class MethodSpecTest {

    @Test
    void everyPaperRowRoundTripsThroughItsMethodsSpec() {
        for (MethodPreset p : MethodPreset.values()) {
            MethodConfig c = p.defaultConfig();
            MethodSpec spec = c.method().spec();
            assertThat(c.toJson().get("type").getAsString()).as(p.cliName()).isEqualTo(spec.configType());
            assertThat(spec.fromJson(c.toJson()).toJson()).as(p.cliName()).isEqualTo(c.toJson());
            assertThat(spec.fromOptions(c.method(), c.sharing().orElse(null), Map.of()).toJson()).as(p.cliName())
                    .isEqualTo(c.toJson());
            assertThat(MethodPreset.nameOf(c)).isEqualTo(p.cliName());
        }
    }

    @Test
    void theRecipeValuesComeFromTheConfiguration() {
        assertThat(MethodPreset.SINGLE_LORA.defaultConfig().paperBaseBatchSize(ModelType.T5, Task.Modality.VIDEO)).isEqualTo(300);
        assertThat(MethodPreset.MULTIPLE_LORA.defaultConfig().paperBaseBatchSize(ModelType.T5, Task.Modality.VIDEO)).isEqualTo(30);
        assertThat(MethodPreset.MULTIPLE_ADAPTERS.defaultConfig().paperLearningRate(Task.Modality.IMAGE)).isEqualTo(3e-4);
        assertThat(MethodPreset.SINGLE_ADAPTER.defaultConfig().paperLearningRate(Task.Modality.IMAGE)).isEqualTo(1e-3);
        assertThat(MethodPreset.FULL_FINETUNING.defaultConfig().paperLearningRate(Task.Modality.VIDEO)).isEqualTo(3e-5);
        assertThat(MethodPreset.MULTIPLE_PROMPTS.defaultConfig().paperTaskPrompts(Task.Modality.IMAGE)).isFalse();
        assertThat(MethodPreset.MULTIPLE_PROMPTS.defaultConfig().paperTaskPrompts(Task.Modality.VIDEO)).isTrue();
    }

    @Test
    void aConfigurationWithoutAPaperRowIsNamedAfterItsMethodAndSharing() {
        MethodConfig custom = new MethodConfig() {
            @Override
            public Method method() {
                return Method.LORA;
            }

            @Override
            public Optional<Sharing> sharing() {
                return Optional.of(Sharing.MULTIPLE);
            }

            @Override
            public LayerHooks createHooks(List<String> tasks, BackboneShape backbone) {
                return LayerHooks.NONE;
            }

            @Override
            public Map<String, Object> asMap() {
                return Map.of();
            }

            @Override
            public JsonObject toJson() {
                return new JsonObject();
            }
        };
        assertThat(MethodPreset.nameOf(custom)).isEqualTo("multiple-lora");
        assertThat(custom.usesParameter("vqa", "encoder.lora_As.gqa.weight", List.of("vqa", "gqa"))).isFalse();
        assertThat(custom.usesParameter("vqa", "encoder.lora_As.vqa.weight", List.of("vqa", "gqa"))).isTrue();
        assertThatThrownBy(() -> MethodSpec.builder("x", j -> null).build()).hasMessageContaining("fromOptions");
    }
}
