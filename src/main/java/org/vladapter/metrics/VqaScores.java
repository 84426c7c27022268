package org.vladapter.metrics;

import java.util.Map;

/**
 * VQA accuracies in percent, each rounded to 2 decimals as the original ({@code round(100 * mean, 2)}).
 *
 * @param overall accuracy over all evaluated questions
 * @param perQuestionType accuracy per question type (first-seen order; empty when types are unknown)
 * @param perAnswerType accuracy per answer type (first-seen order; empty when types are unknown)
 * @param perQuestion accuracy per question id ({@code round(100 * acc, 2)}, the original's {@code evalQA})
 * @param count number of evaluated questions
 */
public record VqaScores(
        double overall,
        Map<String, Double> perQuestionType,
        Map<String, Double> perAnswerType,
        Map<String, Double> perQuestion,
        int count) {

    /**
     * @param overall overall accuracy
     * @param perQuestionType per question type
     * @param perAnswerType per answer type
     * @param perQuestion per question
     * @param count number of questions
     */
    public VqaScores {
        perQuestionType = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perQuestionType));
        perAnswerType = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perAnswerType));
        perQuestion = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perQuestion));
    }
}
