package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

/**
 * GQA (balanced): answer generation (greedy, max length 20), exact match; trains on {@code train,valid}
 * (Visual Genome features) and validates and tests on {@code testdev} (GQA features), the paper's number.
 * The prompt keeps the original's {@code "gpa: "} typo.
 */
final class GqaSpec {

    static final TaskSpec SPEC = TaskSpec.builder("gqa", Task.Modality.IMAGE)
            .prompt("gpa: ").truncation(20, 0)
            .splits("train,valid", "testdev", "testdev", true)
            .batchSixtieths(100)
            .loss(LossReduction.EXAMPLE_MEAN)
            .decoding(Decoding.greedy(20))
            .reader((layout, task, split, parts) -> GqaDataset.load(split, layout.annotationFiles(parts, "GQA/%s.json"),
                    FeatureStore.firstOf(parts.stream().map(p -> layout.imageFeatures(featureFolder(p))).distinct().toList()),
                    layout.readerOptions()))
            .metric(TaskMetrics.EXACT_MATCH)
            .submission(Submissions.GQA)
            .colour(0xF28E2B)
            .build();

    private GqaSpec() {}

    private static String featureFolder(String split) {
        return switch (split) {
            case "train", "valid" -> "VG";
            case "testdev", "submit" -> "GQA";
            default -> throw new IllegalArgumentException(
                    "unknown GQA split '" + split + "' (train, valid, testdev, submit): its feature folder is not known");
        };
    }
}
