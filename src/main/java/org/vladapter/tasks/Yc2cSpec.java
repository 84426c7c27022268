package org.vladapter.tasks;

/**
 * YouCook2 captioning: CIDEr-D with BLEU and ROUGE-L; submission in the VALUE JSON-lines format, one line per
 * clip. Its test files have no labels: it is reported on {@code val_release}.
 */
final class Yc2cSpec {

    static final TaskSpec SPEC = VideoTaskSpecs.captions("yc2c", "yc2", false)
            .splits("train_release", "val_release", "test_release", false)
            .colour(0x9C755F)
            .build();

    private Yc2cSpec() {}
}
