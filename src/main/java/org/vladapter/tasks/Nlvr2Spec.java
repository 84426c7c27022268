package org.vladapter.tasks;

/**
 * NLVR2: a statement about two images, answered by comparing the {@code true} and {@code false} logits of
 * the first answer token; accuracy and consistency; submission csv.
 */
final class Nlvr2Spec {

    static final TaskSpec SPEC = TaskSpec.builder("nlvr", Task.Modality.IMAGE)
            .prompt("nlvr: ").truncation(0, 0)
            .splits("train", "valid", "test", true)
            .batchSixtieths(20)
            .loss(LossReduction.EXAMPLE_MEAN)
            .decoding(Decoding.trueFalse(20))
            .reader((layout, task, split, parts) -> Nlvr2Dataset.load(split, layout.annotationFiles(parts, "nlvr/%s.json"),
                    layout.imageFeatures("nlvr"), layout.readerOptions()))
            .metric(TaskMetrics.NLVR2)
            .submission(Submissions.NLVR2)
            .colour(0xE15759)
            .build();

    private Nlvr2Spec() {}
}
