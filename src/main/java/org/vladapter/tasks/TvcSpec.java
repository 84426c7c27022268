package org.vladapter.tasks;

/**
 * TV show captioning (each clip with its time span): CIDEr-D with BLEU and ROUGE-L; submission in the VALUE
 * JSON-lines format, one line per clip. Its test files have no labels: it is reported on {@code val_release}.
 */
final class TvcSpec {

    static final TaskSpec SPEC = VideoTaskSpecs.captions("tvc", "tv", true)
            .splits("train_release", "val_release", "test_release", false)
            .colour(0xB07AA1)
            .build();

    private TvcSpec() {}
}
