package org.vladapter.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Task;

/** The released scripts' batch sizes (VL-T5/scripts/image/*.sh and scripts/video/*.sh). */
class PaperRecipeTest {

    private static final List<Task> IMAGE = Task.imageTasks();
    private static final List<Task> VIDEO = Task.videoTasks();

    @Test
    void imageScriptsUse500ForBartAnd300ForT5WhateverTheMethod() {
        for (MethodPreset p : MethodPreset.values()) {
            assertThat(PaperRecipe.baseBatchSize(ModelType.BART, p, IMAGE)).as(p.cliName()).isEqualTo(500);
            assertThat(PaperRecipe.baseBatchSize(ModelType.T5, p, IMAGE)).as(p.cliName()).isEqualTo(300);
        }
    }

    @Test
    void t5VideoLoraAndPromptScriptsSet300AsTheyRan() {
        // scripts/video/single_lora.sh and single_prompt.sh: batch_size=300 for t5 (50 for bart)
        assertThat(PaperRecipe.baseBatchSize(ModelType.T5, MethodPreset.SINGLE_LORA, VIDEO)).isEqualTo(300);
        assertThat(PaperRecipe.baseBatchSize(ModelType.T5, MethodPreset.SINGLE_PROMPT, VIDEO)).isEqualTo(300);
        assertThat(PaperRecipe.baseBatchSize(ModelType.BART, MethodPreset.SINGLE_LORA, VIDEO)).isEqualTo(50);
        assertThat(PaperRecipe.baseBatchSize(ModelType.BART, MethodPreset.SINGLE_PROMPT, VIDEO)).isEqualTo(50);
    }

    @Test
    void t5VideoFullFineTuningAndAdapterScriptsSet30() {
        // scripts/video/full_finetuning.sh and single_adapter.sh: batch_size=30 for t5
        assertThat(PaperRecipe.baseBatchSize(ModelType.T5, MethodPreset.FULL_FINETUNING, VIDEO)).isEqualTo(30);
        assertThat(PaperRecipe.baseBatchSize(ModelType.T5, MethodPreset.SINGLE_ADAPTER, VIDEO)).isEqualTo(30);
        assertThat(PaperRecipe.baseBatchSize(ModelType.T5, MethodPreset.MULTIPLE_LORA, VIDEO)).isEqualTo(30);
        assertThat(PaperRecipe.baseBatchSize(ModelType.BART, MethodPreset.FULL_FINETUNING, VIDEO)).isEqualTo(50);
        // every video task gets the base size
        assertThat(org.vladapter.tasks.MultitaskLoader.paperBatchSizes(VIDEO, 300).values()).containsOnly(300);
    }
}
