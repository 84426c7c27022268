package org.vladapter.peft.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.PeftFixtures;
import org.vladapter.peft.TaskRouted;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromptParityTest {

    @Test
    void inputPromptsMatchPyTorch() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = PeftFixtures.load(manager, "prompt");
            InputPrompts prompts = new InputPrompts(5, 16, 10, ModelType.BART);
            PeftFixtures.loadParameters(prompts, f, "param.", params);
            params.cap();
            NDArray out = prompts.prompt(manager, 2);
            assertThat(out.getManager()).isSameAs(manager);
            assertThat(PeftFixtures.maxAbsDiff(out, f.get("prompts"))).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void controllerRoutesPerTaskAndNamesAsOriginal() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager params = NDManager.newBaseManager()) {
            Map<String, NDArray> f = PeftFixtures.load(manager, "prompt");
            PromptController c = new PromptController(
                    TaskRouted.multiple(List.of("vqa", "gqa"), t -> new InputPrompts(5, 16, 10, ModelType.T5)));
            assertThat(c.namedParameters().keySet()).contains(
                    "prompts.vqa.prefix_embedding.0.weight", "prompts.gqa.prefix_embedding.3.bias");
            Map<String, NDArray> renamed = new LinkedHashMap<>();
            f.forEach((k, v) -> {
                if (k.startsWith("param.")) {
                    renamed.put(k.replace("param.", "param.prompts.vqa."), v);
                    renamed.put(k.replace("param.", "param.prompts.gqa."), v.mul(0.5f));
                }
            });
            PeftFixtures.loadParameters(c, renamed, "param.", params);
            assertThat(c.length()).isEqualTo(5);
            assertThat(PeftFixtures.maxAbsDiff(c.prompt(manager, 2, ForwardContext.train("vqa")), f.get("prompts")))
                    .isLessThanOrEqualTo(1e-6);
            assertThat(PeftFixtures.maxAbsDiff(c.prompt(manager, 2, ForwardContext.eval("gqa")), f.get("prompts")))
                    .isGreaterThan(1e-3);
        }
    }
}
