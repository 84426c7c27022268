package org.vladapter.metrics;

import java.util.Objects;

/**
 * One labelled TVQA / How2QA question.
 *
 * @param questionId the question id ({@code qid})
 * @param answerIndex the gold {@code answer_idx} (0..4 for TVQA, 0..3 for How2QA)
 * @param type the breakdown type ({@code show_name} for TVQA; VL-Adapter uses a single type for How2QA), or null
 */
public record VideoQaExample(String questionId, int answerIndex, String type) {

    /**
     * @param questionId question id
     * @param answerIndex gold answer index
     * @param type breakdown type, or null
     */
    public VideoQaExample {
        Objects.requireNonNull(questionId, "questionId");
    }

    /**
     * @return the target string the model must generate, {@code "a" + answerIndex}
     */
    public String target() {
        return "a" + answerIndex;
    }
}
