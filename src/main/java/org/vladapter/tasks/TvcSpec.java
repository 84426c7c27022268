package org.vladapter.tasks;

/**
 * TV show video captioning (each clip with its time span), beam 5 with max length 20, CIDEr-D with BLEU and ROUGE-L; submission in the
 * VALUE JSON-lines format, one line per clip. Its test files have no labels: it is reported on
 * {@code val_release}.
 */
final class TvcSpec {

    static final TaskSpec SPEC = TaskSpec.builder("tvc", Task.Modality.VIDEO)
            .prompt("tvc: ").truncation(600, 20)
            .splits("train_release", "val_release", "test_release", false)
            .videoSource("tv")
            .loss(LossReduction.EXAMPLE_MEAN)
            .decoding(Decoding.beam(5, 20))
            .reader((layout, task, split, parts) -> VideoCaptionDataset.load(task, split,
                    layout.annotationFiles(parts, DatasetLayout.videoAnnotations(task)), layout.subtitles(task),
                    layout.videoFeatures(task), layout.readerOptions(), true))
            .metric(TaskMetrics.CAPTIONS)
            .submission(Submissions.VALUE_CAPTIONS)
            .colour(0xB07AA1)
            .build();

    private TvcSpec() {}
}
