package org.vladapter.peft;

import org.vladapter.backbone.ModelType;

import org.vladapter.nn.Initializers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.AdapterSite;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ProjectionSite;
import org.vladapter.backbone.PromptProvider;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.backbone.Stack;
import org.vladapter.backbone.SubLayer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Projection;
import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.compacter.CompacterConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.peft.prompt.PromptConfig;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** One backward pass through each method's module: gradients reach its parameters (and only the routed task's). */
class GradientFlowTest {

    private static final List<String> TASKS = List.of("vqa", "gqa");
    private static final BackboneShape SHAPE = new BackboneShape(ModelType.BART, 16, 2, 2);
    private static final AdapterSite SITE = new AdapterSite(Stack.ENCODER, 0, 2, SubLayer.FEED_FORWARD, 16);

    private static Map<String, Float> gradients(org.vladapter.nn.Module module, Function<NDManager, NDArray> loss) {
        try (NDManager params = NDManager.newBaseManager(); NDManager batch = NDManager.newBaseManager()) {
            module.initialize(params, DataType.FLOAT32);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.apply(batch));
            }
            Map<String, Float> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
                out.put(e.getKey(), e.getValue().getArray().getGradient().abs().sum().getFloat());
            }
            return out;
        }
    }

    @Test
    void adaptersAndCompactersTrainOnlyTheRoutedTask() {
        for (MethodConfig config : List.of(AdapterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(4).build(),
                CompacterConfig.builder().sharing(Sharing.MULTIPLE).reductionFactor(4).build())) {
            SiteAdapter a = config.createHooks(TASKS, SHAPE).adapter(SITE);
            Map<String, Float> g = gradients(a.asModule(),
                    m -> a.apply(m.randomNormal(new Shape(2, 3, 16)), ForwardContext.train("gqa")).pow(2).sum());
            g.forEach((name, v) -> {
                if (name.contains(".gqa.")) {
                    assertThat(v).as(name).isGreaterThan(0f);
                } else {
                    assertThat(v).as(name).isZero();
                }
            });
        }
    }

    @Test
    void loraTrainsBFirstAndPromptTrainsEverything() {
        LayerHooks lora = LoraConfig.builder().sharing(Sharing.MULTIPLE).rank(4).build().createHooks(TASKS, SHAPE);
        Projection p = lora.projection(new ProjectionSite(Stack.ENCODER, 0, SubLayer.SELF_ATTENTION, "q_proj",
                ProjectionSite.Role.QUERY, 16, 16, true, Initializers.normal(0.02), Initializers.zeros()));
        Map<String, Float> g = gradients(p.asModule(),
                m -> p.forward(m.randomNormal(new Shape(2, 3, 16)), ForwardContext.train("vqa")).pow(2).sum());
        assertThat(g.get("lora_Bs.vqa")).isGreaterThan(0f);
        assertThat(g.get("lora_As.vqa")).isZero(); // B = 0 at init
        assertThat(g.get("lora_Bs.gqa")).isZero();

        PromptProvider prompt = PromptConfig.builder().sharing(Sharing.MULTIPLE).promptLength(5).midDim(10).build().createHooks(TASKS, SHAPE)
                .encoderPrompt(16);
        Map<String, Float> gp = gradients(prompt.asModule(), m -> prompt.prompt(m, 2, ForwardContext.train("vqa")).pow(2).sum());
        gp.forEach((name, v) -> assertThat(v > 0).as(name).isEqualTo(name.contains(".vqa.")));
    }
}
