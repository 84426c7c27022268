package org.vladapter.tasks;

/**
 * How2QA multiple-choice video QA: 4 answers; accuracy; submission {@code {qid: answer index}}. Its test
 * files have no labels: it is reported on {@code val_release}.
 */
final class How2qaSpec {

    static final TaskSpec SPEC = VideoTaskSpecs.multipleChoice("how2qa", "how2", 4, false)
            .splits("train_release", "val_release", "test_public_release", false)
            .colour(0xEDC948)
            .build();

    private How2qaSpec() {}
}
