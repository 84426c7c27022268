package org.vladapter.shapes;

/**
 * A GQA-like relational or compositional question with its single answer.
 *
 * @param questionId the question id (a digit string, as GQA's)
 * @param imageId the image id
 * @param question the question
 * @param answer the answer (one word)
 * @param structure the question family ({@code "relate_color"}, {@code "compare_position"}, ...)
 */
public record GqaQuestion(String questionId, String imageId, String question, String answer, String structure) {}
