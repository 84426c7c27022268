package org.vladapter.tasks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry: each task's one spec holds what the library routes through it. */
class TaskSpecTest {

    @Test
    void everyTaskHasOneCompleteSpecAndOnlyImageTestsAreLabelled() {
        for (Task t : Task.values()) {
            TaskSpec s = t.spec();
            assertThat(s.key()).isEqualTo(t.key());
            assertThat(Task.of(s.key())).isSameAs(t);
            assertThat(s.splits().testLabelled()).as(t.key()).isEqualTo(t.modality() == Task.Modality.IMAGE);
            assertThat(s.videoSource() != null).as(t.key()).isEqualTo(t.modality() == Task.Modality.VIDEO);
        }
        assertThat(Task.NLVR2.spec().decoding().trueFalse()).isTrue();
        assertThat(Task.VQA.spec().loss()).isEqualTo(LossReduction.SCORE_WEIGHTED_EXAMPLE_MEAN);
        assertThat(Task.COCO_CAPTION.spec().loss().weighsTokens()).isTrue();
        assertThat(Task.TVC.spec().submission().extension()).isEqualTo(".jsonl");
        assertThat(Task.NLVR2.spec().submission().extension()).isEqualTo(".csv");
        assertThat(Task.COCO_CAPTION.spec().submission()).isSameAs(SubmissionFormat.NONE);
    }

    @Test
    void aSpecWithoutAMetricIsRefusedNamingIt() {
        TaskSpec.Builder b = TaskSpec.builder("new", Task.Modality.IMAGE).splits("train", "val", "test", true)
                .loss(LossReduction.EXAMPLE_MEAN).decoding(Decoding.greedy(20))
                .reader((layout, task, split, parts) -> null).submission(SubmissionFormat.NONE);
        assertThatThrownBy(b::build).hasMessageContaining("'new' has no metric");
        assertThatThrownBy(() -> TaskSpec.builder("clip", Task.Modality.VIDEO).splits("a", "b", "c", false)
                .loss(LossReduction.EXAMPLE_MEAN).decoding(Decoding.beam(5, 20)).reader((l, t, s, p) -> null)
                .metric(TaskMetrics.CAPTIONS).submission(SubmissionFormat.NONE).build())
                .hasMessageContaining("videoSource");
    }
}
