package org.vladapter.tasks;

/**
 * COCO captioning on the Karpathy splits: the loss is the token mean over the batch; beam 5 with max length
 * 20, what the original ran (its caption arguments name 40, which only truncates targets; see
 * {@code eval.TaskDecoding}); CIDEr-D with BLEU and ROUGE-L. No official submission file.
 */
final class CocoCaptionSpec {

    static final TaskSpec SPEC = TaskSpec.builder("caption", Task.Modality.IMAGE)
            .prompt("caption: ").truncation(40, 40)
            .splits("karpathy_train", "karpathy_val", "karpathy_test", true)
            .batchSixtieths(50)
            .loss(LossReduction.TOKEN_MEAN)
            .decoding(Decoding.beam(5, 20).configured(40))
            .reader((layout, task, split, parts) -> {
                if (parts.size() != 1) {
                    throw new IllegalArgumentException("COCO caption reads one Karpathy split at a time, got '" + split + "'");
                }
                return CocoCaptionDataset.load(split, layout.annotationRoot().resolve("COCO/dataset_coco.json"),
                        layout.imageFeatures("COCO"), layout.readerOptions());
            })
            .metric(TaskMetrics.CAPTIONS)
            .submission(SubmissionFormat.NONE)
            .colour(0x76B7B2)
            .build();

    private CocoCaptionSpec() {}
}
