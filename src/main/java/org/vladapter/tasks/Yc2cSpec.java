package org.vladapter.tasks;

/**
 * YouCook2 video captioning, beam 5 with max length 20, CIDEr-D with BLEU and ROUGE-L; submission in the
 * VALUE JSON-lines format, one line per clip. Its test files have no labels: it is reported on
 * {@code val_release}.
 */
final class Yc2cSpec {

    static final TaskSpec SPEC = TaskSpec.builder("yc2c", Task.Modality.VIDEO)
            .prompt("yc2c: ").truncation(600, 20)
            .splits("train_release", "val_release", "test_release", false)
            .videoSource("yc2")
            .loss(LossReduction.EXAMPLE_MEAN)
            .decoding(Decoding.beam(5, 20))
            .reader((layout, task, split, parts) -> VideoCaptionDataset.load(task, split,
                    layout.annotationFiles(parts, DatasetLayout.videoAnnotations(task)), layout.subtitles(task),
                    layout.videoFeatures(task), layout.readerOptions(), false))
            .metric(TaskMetrics.CAPTIONS)
            .submission(Submissions.VALUE_CAPTIONS)
            .colour(0x9C755F)
            .build();

    private Yc2cSpec() {}
}
