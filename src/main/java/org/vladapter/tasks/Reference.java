package org.vladapter.tasks;

import java.util.List;
import java.util.Map;

/** What an example is evaluated against; one record type per kind of task. */
public sealed interface Reference
        permits Reference.AnswerScores, Reference.PairLabel, Reference.Captions, Reference.Choice {

    /**
     * VQA and GQA: the soft scores of the candidate answers ({@code label} of the annotation, file order).
     * GQA has one answer with score 1.
     *
     * @param scores answer → score
     * @param answerType VQA {@code answer_type} ({@code yes/no}, {@code number}, {@code other}); {@code null} for GQA
     * @param questionType VQA {@code question_type}; {@code null} for GQA
     */
    record AnswerScores(Map<String, Float> scores, String answerType, String questionType) implements Reference {
        /** Copies the map. */
        public AnswerScores {
            scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
        }
    }

    /**
     * NLVR2: the true/false label and the sentence identifier (for consistency and the CSV dump).
     *
     * @param label 1 for true, 0 for false
     * @param identifier e.g. {@code train-10171-0-0}
     */
    record PairLabel(int label, String identifier) implements Reference {}

    /**
     * Captioning: every reference sentence of the image (COCO, stripped) or the single description of a video
     * item (TVC/YC2C).
     *
     * @param references the reference sentences
     */
    record Captions(List<String> references) implements Reference {
        /** Copies the list. */
        public Captions {
            references = List.copyOf(references);
        }
    }

    /**
     * TVQA / How2QA: the index of the correct choice; the expected generation is {@code "a" + answerIndex}.
     *
     * @param answerIndex the correct choice
     * @param type the TVQA {@code show_name}, or {@code how2qa}
     */
    record Choice(int answerIndex, String type) implements Reference {
        /** @return the text the model must generate, e.g. {@code a3} */
        public String answer() {
            return "a" + answerIndex;
        }
    }
}
