package org.vladapter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.tasks.Task;

/** Decoding settings per task, as the original ran them. */
class TaskDecodingTest {

    @Test
    void cocoCaptionsDecodeWithBeamFiveAndTheTrainersMaxLengthTwenty() {
        for (ModelConfig c : new ModelConfig[] {ModelConfig.bartBase(), ModelConfig.t5Base()}) {
            GenerationConfig g = TaskDecoding.forTask(Task.COCO_CAPTION, c);
            assertThat(g.numBeams()).isEqualTo(5);
            assertThat(g.maxLength()).isEqualTo(20).isEqualTo(TaskDecoding.COCO_CAPTION_MAX_LENGTH_AS_RUN);
        }
        // BART's forced EOS therefore lands on position 19
        assertThat(TaskDecoding.forTask(Task.COCO_CAPTION, ModelConfig.bartBase()).forcedEosId()).isEqualTo(2);
    }

    @Test
    void theConfiguredFortyIsAnOption() {
        GenerationConfig g = TaskDecoding.forTask(Task.COCO_CAPTION, ModelConfig.bartBase(),
                TaskDecoding.COCO_CAPTION_MAX_LENGTH_AS_CONFIGURED);
        assertThat(g.maxLength()).isEqualTo(40);
        assertThat(g.numBeams()).isEqualTo(5);
        // only captions read the option
        assertThat(TaskDecoding.forTask(Task.TVC, ModelConfig.bartBase(), 40).maxLength()).isEqualTo(20);
    }

    @Test
    void questionAnsweringIsGreedyAndVideoIsBeamFive() {
        ModelConfig c = ModelConfig.bartBase();
        for (Task t : new Task[] {Task.VQA, Task.GQA}) {
            GenerationConfig g = TaskDecoding.forTask(t, c);
            assertThat(g.numBeams()).isEqualTo(1);
            assertThat(g.maxLength()).isEqualTo(20);
        }
        for (Task t : Task.videoTasks()) {
            GenerationConfig g = TaskDecoding.forTask(t, c);
            assertThat(g.numBeams()).isEqualTo(5);
            assertThat(g.maxLength()).isEqualTo(20);
        }
    }
}
