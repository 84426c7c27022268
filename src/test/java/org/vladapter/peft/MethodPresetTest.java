package org.vladapter.peft;

import org.junit.jupiter.api.Test;
import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.tasks.Task;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodPresetTest {

    @Test
    void cliNamesMapToMethodAndSharing() {
        assertThat(Arrays.stream(MethodPreset.values()).map(MethodPreset::cliName)).containsExactly(
                "full-finetuning", "single-adapter", "multiple-adapters", "half-shared-adapters", "hyperformer",
                "single-compacter", "multiple-compacters", "single-lora", "multiple-lora", "single-prompt",
                "multiple-prompts", "visual-projection-only", "visual-projection-layernorm");
        assertThat(MethodPreset.fromCliName("single-adapter").method()).isEqualTo(Method.ADAPTER);
        assertThat(MethodPreset.fromCliName("SINGLE_ADAPTER").sharing()).contains(Sharing.SINGLE);
        assertThat(MethodPreset.fromCliName("multiple-adapters").sharing()).contains(Sharing.MULTIPLE);
        assertThat(MethodPreset.fromCliName("half-shared-adapters").method()).isEqualTo(Method.HALF_SHARED_ADAPTER);
        assertThat(MethodPreset.fromCliName("hyperformer").sharing()).isEqualTo(Optional.empty());
        assertThat(MethodPreset.fromCliName("multiple-lora").method()).isEqualTo(Method.LORA);
        assertThat(MethodPreset.fromCliName("single-prompt").method()).isEqualTo(Method.PROMPT);
        assertThat(MethodPreset.fromCliName("multiple-compacters").method()).isEqualTo(Method.COMPACTER);
        assertThat(MethodPreset.fromCliName("full-finetuning").method()).isEqualTo(Method.FULL_FINETUNING);
        assertThat(MethodPreset.fromCliName("visual-projection-layernorm").method()).isEqualTo(Method.VISUAL_PROJECTION_LAYERNORM);
        assertThat(((AdapterConfig) MethodPreset.SINGLE_ADAPTER.defaultConfig()).reductionFactor()).isEqualTo(8);
        assertThat(((LoraConfig) MethodPreset.SINGLE_LORA.defaultConfig()).sharing()).contains(Sharing.SINGLE);
        assertThatThrownBy(() -> MethodPreset.fromCliName("single-adaptor"))
                .hasMessageContaining("unknown method 'single-adaptor'").hasMessageContaining("half-shared-adapters");
    }

    @Test
    void taskPromptsFollowTheReleasedScripts() {
        List<MethodPreset> withPrompts = Arrays.stream(MethodPreset.values()).filter(MethodPreset::usesTaskPrompts).toList();
        assertThat(withPrompts).containsExactly(MethodPreset.SINGLE_ADAPTER, MethodPreset.SINGLE_COMPACTER,
                MethodPreset.SINGLE_LORA, MethodPreset.SINGLE_PROMPT);
        assertThat(MethodPreset.MULTIPLE_ADAPTERS.usesTaskPrompts(Task.Modality.VIDEO)).isTrue();
        assertThat(MethodPreset.FULL_FINETUNING.usesTaskPrompts(Task.Modality.IMAGE)).isFalse();
    }

    @Test
    void everyPresetBuildsHooks() {
        for (MethodPreset p : MethodPreset.values()) {
            MethodConfig c = p.defaultConfig();
            assertThat(c.createHooks(List.of("vqa", "gqa"), BackboneShape.bartBase())).as(p.cliName()).isNotNull();
            assertThat(c.asMap()).containsKey("method");
        }
        assertThatThrownBy(() -> BaselineConfig.of(Method.LORA)).hasMessageContaining("LoraConfig");
    }
}
