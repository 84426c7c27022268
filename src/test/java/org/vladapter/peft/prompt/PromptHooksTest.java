package org.vladapter.peft.prompt;

import org.vladapter.peft.Sharing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.PromptProvider;
import org.vladapter.nn.ForwardContext;
import org.vladapter.peft.BackboneShape;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptHooksTest {

    private static final List<String> TASKS = List.of("vqa", "gqa");

    @Test
    void singlePromptIsSharedAndBroadcast() {
        PromptHooks hooks = (PromptHooks) PromptConfig.builder().sharing(Sharing.MULTIPLE).promptLength(5).midDim(10)
                .sharing(org.vladapter.peft.Sharing.SINGLE).build()
                .createHooks(TASKS, new BackboneShape(org.vladapter.backbone.ModelType.BART, 16, 2, 2));
        PromptProvider p = hooks.encoderPrompt(16);
        assertThat(hooks.encoderPrompt(16)).isSameAs(p);
        assertThatThrownBy(() -> hooks.encoderPrompt(32)).hasMessageContaining("built for d_model 16");
        assertThat(p.length()).isEqualTo(5);
        assertThat(p.asModule().namedParameters().keySet()).containsExactly(
                "prompts.vqa.prefix_embedding.0.weight", "prompts.vqa.prefix_embedding.1.weight",
                "prompts.vqa.prefix_embedding.1.bias", "prompts.vqa.prefix_embedding.3.weight",
                "prompts.vqa.prefix_embedding.3.bias");
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            p.asModule().initialize(params, DataType.FLOAT32);
            params.cap();
            var a = p.prompt(batch, 3, ForwardContext.eval("vqa"));
            var b = p.prompt(batch, 3, ForwardContext.eval("gqa"));
            assertThat(a.getShape()).isEqualTo(new Shape(3, 5, 16));
            assertThat(a.sub(b).abs().max().getFloat()).isZero();
            assertThat(a.get(0).sub(a.get(2)).abs().max().getFloat()).isZero();
        }
    }

    @Test
    void paperDefaultsAndValidation() {
        PromptConfig c = PromptConfig.multiple();
        assertThat(c.promptLength()).isEqualTo(40);
        assertThat(c.midDim()).isEqualTo(800);
        assertThatThrownBy(() -> PromptConfig.builder().sharing(Sharing.MULTIPLE).promptLength(0).build()).hasMessageContaining("promptLength must be > 0");
        assertThatThrownBy(() -> PromptConfig.builder().sharing(null).build()).hasMessageContaining("sharing");
    }
}
