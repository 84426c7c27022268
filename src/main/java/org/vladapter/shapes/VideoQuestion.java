package org.vladapter.shapes;

import java.util.List;

/**
 * A TVQA / How2QA-like multiple-choice question over a clip.
 *
 * @param qid question id
 * @param question the question
 * @param choices five (TVQA) or four (How2QA) answers
 * @param answerIndex the right choice
 * @param videoId the clip's vid_name
 * @param ts the moment the question is about, {@code "start-end"} in seconds
 */
public record VideoQuestion(String qid, String question, List<String> choices, int answerIndex, String videoId, String ts) {}
