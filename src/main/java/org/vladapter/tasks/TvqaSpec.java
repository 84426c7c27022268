package org.vladapter.tasks;

/**
 * TVQA multiple-choice video QA (5 answers; the subtitles follow the question), beam 5 with max length 20,
 * accuracy; submission {@code {qid: answer index}}. Its test files have no labels: it is reported on
 * {@code val}.
 */
final class TvqaSpec {

    static final TaskSpec SPEC = TaskSpec.builder("tvqa", Task.Modality.VIDEO)
            .prompt("tvqa: ").truncation(600, 20)
            .splits("train", "val", "test_public,test_release", false)
            .videoSource("tv")
            .loss(LossReduction.EXAMPLE_MEAN)
            .decoding(Decoding.beam(5, 20))
            .reader((layout, task, split, parts) -> VideoQaDataset.load(task, split,
                    layout.annotationFiles(parts, DatasetLayout.videoAnnotations(task)), layout.subtitles(task),
                    layout.videoFeatures(task), layout.readerOptions(), 5, true))
            .metric(TaskMetrics.VIDEO_QA)
            .submission(Submissions.VIDEO_QA)
            .colour(0x59A14F)
            .build();

    private TvqaSpec() {}
}
