package org.vladapter.shapes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VQA-like question with its ten annotator answers.
 *
 * @param questionId numeric question id ({@code image number * 1000 + k}, as in VQA v2)
 * @param imageId the image id
 * @param question the question text
 * @param questionType VQA's question type ({@code "what color is the"}, {@code "how many"}, ...)
 * @param answerType {@code "yes/no"}, {@code "number"} or {@code "other"}
 * @param answers ten raw answers as annotators typed them ({@code "two"}, {@code "2"}, {@code "violet"})
 */
public record VqaQuestion(long questionId, String imageId, String question, String questionType, String answerType,
        List<String> answers) {

    /**
     * The soft label of the Karpathy-split files: each distinct answer (number words written as digits, as the
     * official answer processing does) scores 0.3 per annotator who gave it, capped at 1.
     *
     * @return answer to score, most frequent first
     */
    public Map<String, Double> label() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String a : answers) {
            counts.merge(normalise(a), 1, Integer::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                .forEach(e -> out.put(e.getKey(), Math.min(1.0, Math.round(e.getValue() * 3) / 10.0)));
        return out;
    }

    /** @return the most frequent normalised answer (VQA's {@code multiple_choice_answer}) */
    public String majorityAnswer() {
        return label().keySet().iterator().next();
    }

    static String normalise(String answer) {
        return switch (answer) {
            case "zero", "none" -> "0";
            case "one" -> "1";
            case "two" -> "2";
            case "three" -> "3";
            case "four" -> "4";
            case "five" -> "5";
            case "six" -> "6";
            case "seven" -> "7";
            case "eight" -> "8";
            default -> answer;
        };
    }
}
