package org.vladapter.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The candidate answers of a VQA/GQA question with their soft scores, and the original's training-target
 * draw: answer {@code a} with probability {@code score_a / Σ scores} ({@code np.random.multinomial(1, p)}),
 * or the empty answer with score 0 when all scores are 0.
 */
final class ScoredAnswers {

    private final String[] answers;
    private final float[] scores;

    ScoredAnswers(Map<String, Float> label) {
        this.answers = label.keySet().toArray(new String[0]);
        this.scores = new float[answers.length];
        int i = 0;
        for (float s : label.values()) {
            scores[i++] = s;
        }
    }

    /**
     * @param scores non-negative scores
     * @param random randomness
     * @return the drawn index, or -1 when all scores are 0 (or there are none)
     */
    static int draw(float[] scores, Random random) {
        double sum = 0;
        for (float s : scores) {
            sum += s;
        }
        if (sum <= 0) {
            return -1;
        }
        double u = random.nextDouble() * sum;
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0) {
                cumulative += scores[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last; // rounding at the top end
    }

    /**
     * @param random randomness
     * @return the drawn answer ({@code ""} when all scores are 0)
     */
    Draw draw(Random random) {
        int i = draw(scores, random);
        return i < 0 ? new Draw("", 0f) : new Draw(answers[i], scores[i]);
    }

    /** @return answer → score in file order */
    Map<String, Float> asMap() {
        Map<String, Float> out = new LinkedHashMap<>();
        for (int i = 0; i < answers.length; i++) {
            out.put(answers[i], scores[i]);
        }
        return out;
    }

    /**
     * A drawn answer.
     *
     * @param answer the answer text
     * @param score its soft score
     */
    record Draw(String answer, float score) {}
}
