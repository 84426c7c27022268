package org.vladapter.tasks;

/**
 * TVQA multiple-choice video QA: 5 answers, the question type is the show; accuracy; submission
 * {@code {qid: answer index}}. Its test files have no labels: it is reported on {@code val}.
 */
final class TvqaSpec {

    static final TaskSpec SPEC = VideoTaskSpecs.multipleChoice("tvqa", "tv", 5, true)
            .splits("train", "val", "test_public,test_release", false)
            .colour(0x59A14F)
            .build();

    private TvqaSpec() {}
}
