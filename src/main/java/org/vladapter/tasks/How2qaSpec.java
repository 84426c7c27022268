package org.vladapter.tasks;

/**
 * How2QA multiple-choice video QA (4 answers; the subtitles follow the question), beam 5 with max length 20,
 * accuracy; submission {@code {qid: answer index}}. Its test files have no labels: it is reported on
 * {@code val_release}.
 */
final class How2qaSpec {

    static final TaskSpec SPEC = TaskSpec.builder("how2qa", Task.Modality.VIDEO)
            .prompt("how2qa: ").truncation(600, 20)
            .splits("train_release", "val_release", "test_public_release", false)
            .videoSource("how2")
            .loss(LossReduction.EXAMPLE_MEAN)
            .decoding(Decoding.beam(5, 20))
            .reader((layout, task, split, parts) -> VideoQaDataset.load(task, split,
                    layout.annotationFiles(parts, DatasetLayout.videoAnnotations(task)), layout.subtitles(task),
                    layout.videoFeatures(task), layout.readerOptions(), 4, false))
            .metric(TaskMetrics.VIDEO_QA)
            .submission(Submissions.VIDEO_QA)
            .colour(0xEDC948)
            .build();

    private How2qaSpec() {}
}
