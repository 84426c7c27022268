package org.vladapter.api;

import org.junit.jupiter.api.Test;
import org.vladapter.model.VlAdapter;
import org.vladapter.recipe.VlTraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vladapter.peft.Method.LORA;
import static org.vladapter.peft.Sharing.SINGLE;
import static org.vladapter.tasks.Task.COCO_CAPTION;
import static org.vladapter.tasks.Task.GQA;
import static org.vladapter.tasks.Task.NLVR2;
import static org.vladapter.tasks.Task.VQA;

/** The builder as the README writes it (static imports, bare names), and missing required values named at build. */
class FluentBuilderTest {

    @Test
    void readmeFormCountsThePapersSingleLoraRow() {
        var summary = VlAdapter.builder()
                .backbone("bart-base")
                .method(LORA).sharing(SINGLE).rank(128)
                .tasks(VQA, GQA, NLVR2, COCO_CAPTION)
                .parameterSummary();
        var preset = VlAdapter.builder().backbone("bart-base").method("single-lora").tasks(VQA, GQA, NLVR2, COCO_CAPTION)
                .parameterSummary();
        assertThat(summary.line()).isEqualTo(preset.line());
        assertThat(summary.trainableParams()).isGreaterThan(36L * 2 * 128 * 768);
    }

    @Test
    void aMethodAndItsDefaultConfigBuildTheSameModel() {
        var byMethod = VlAdapter.builder().backbone("bart-base").method(LORA).tasks(VQA, GQA).methodConfig();
        var byConfig = VlAdapter.builder().backbone("bart-base").method(org.vladapter.peft.lora.LoraConfig.builder().build())
                .tasks(VQA, GQA).methodConfig();
        assertThat(byConfig.asMap()).isEqualTo(byMethod.asMap());
        assertThat(byMethod.sharing()).contains(org.vladapter.peft.Sharing.DEFAULT);
    }

    @Test
    void aModelClosesTheManagerItCreatedButNotAGivenOne() {
        org.vladapter.model.VlModel own;
        try (org.vladapter.model.VlModel m = VlAdapter.builder().backbone(org.vladapter.backbone.Backbone.fromFolder(org.vladapter.backbone.FixtureTensors.folder("bart-tiny")))
                .method(LORA).tasks(VQA).featureDim(8).build()) {
            own = m;
            assertThat(m.manager().isOpen()).isTrue();
        }
        assertThat(own.manager().isOpen()).isFalse();
        try (ai.djl.ndarray.NDManager given = ai.djl.ndarray.NDManager.newBaseManager()) {
            VlAdapter.builder().backbone(org.vladapter.backbone.Backbone.fromFolder(org.vladapter.backbone.FixtureTensors.folder("bart-tiny"))).method(LORA).tasks(VQA).featureDim(8)
                    .manager(given).build().close();
            assertThat(given.isOpen()).isTrue();
        }
    }

    @Test
    void missingRequiredValuesAreNamedAtBuild() {
        assertThatThrownBy(() -> VlAdapter.builder().method(LORA).tasks(VQA).build()).hasMessageContaining("backbone(...)");
        assertThatThrownBy(() -> VlAdapter.builder().backbone("bart-base").tasks(VQA).build()).hasMessageContaining("method(...)");
        assertThatThrownBy(() -> VlAdapter.builder().backbone("bart-base").method(LORA).build()).hasMessageContaining("tasks(...)");
        assertThatThrownBy(() -> VlTraining.builder().build())
                .hasMessageContaining("model(...)").hasMessageContaining("trainData(...)").hasMessageContaining("collator(...)");
    }
}
