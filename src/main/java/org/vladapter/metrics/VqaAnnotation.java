package org.vladapter.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The ground truth of one VQA question: its human answers (10 in the official annotations) and, optionally, the
 * question type and answer type used for the per-type breakdown.
 *
 * @param answers the human answers, in annotation order (each entry is one annotator; duplicates are kept)
 * @param questionType the question type (e.g. {@code "what is this"}), or null when unknown
 * @param answerType the answer type ({@code "yes/no"}, {@code "number"}, {@code "other"}), or null when unknown
 */
public record VqaAnnotation(List<String> answers, String questionType, String answerType) {

    /**
     * @param answers the human answers (at least one)
     * @param questionType the question type, or null
     * @param answerType the answer type, or null
     */
    public VqaAnnotation {
        Objects.requireNonNull(answers, "answers");
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("a VQA annotation needs at least one answer");
        }
        answers = List.copyOf(answers);
    }

    /**
     * An annotation without question/answer types.
     *
     * @param answers the human answers
     * @return the annotation
     */
    public static VqaAnnotation of(List<String> answers) {
        return new VqaAnnotation(answers, null, null);
    }
}
