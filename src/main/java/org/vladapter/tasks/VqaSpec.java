package org.vladapter.tasks;

/**
 * VQAv2 on the Karpathy splits: answer generation (greedy, max length 20), the loss weighted by the sampled
 * answer's score, the VQA score or, with the official annotations, the VQA accuracy; submission
 * {@code [{question_id, answer}]}.
 */
final class VqaSpec {

    static final TaskSpec SPEC = TaskSpec.builder("vqa", Task.Modality.IMAGE)
            .prompt("vqa: ").truncation(20, 10)
            .splits("karpathy_train", "karpathy_val", "karpathy_test", true)
            .loss(LossReduction.SCORE_WEIGHTED_EXAMPLE_MEAN)
            .decoding(Decoding.greedy(20))
            .reader((layout, task, split, parts) -> VqaDataset.load(split, layout.annotationFiles(parts, "vqa/%s.json"),
                    layout.imageFeatures("COCO"), layout.readerOptions()))
            .metric(TaskMetrics.VQA_SCORE)
            .submission(Submissions.VQA)
            .colour(0x4E79A7)
            .build();

    private VqaSpec() {}
}
