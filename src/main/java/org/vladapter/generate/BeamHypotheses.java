package org.vladapter.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The finished hypotheses of one input in beam search: the {@code numBeams} best, by length-normalised score. */
final class BeamHypotheses {

    /** A finished hypothesis. */
    record Hypothesis(List<Long> tokens, float score) {}

    private final int numBeams;
    private final float lengthPenalty;
    private final List<Hypothesis> hyps = new ArrayList<>();

    BeamHypotheses(int numBeams, float lengthPenalty) {
        this.numBeams = numBeams;
        this.lengthPenalty = lengthPenalty;
    }

    /**
     * @param tokens the hypothesis (start token first)
     * @param sumLogProbs its summed log-probability
     * @param generatedLength tokens after the start token
     */
    void add(List<Long> tokens, float sumLogProbs, int generatedLength) {
        float score = (float) (sumLogProbs / Math.pow(generatedLength, lengthPenalty));
        if (hyps.size() < numBeams || score > worstScore()) {
            hyps.add(new Hypothesis(tokens, score));
            if (hyps.size() > numBeams) {
                hyps.remove(hyps.stream().min(Comparator.comparingDouble(Hypothesis::score)).orElseThrow());
            }
        }
    }

    float worstScore() {
        return (float) hyps.stream().mapToDouble(Hypothesis::score).min().orElse(Double.POSITIVE_INFINITY);
    }

    int size() {
        return hyps.size();
    }

    /**
     * HF's stopping heuristic: no running beam can still beat the worst finished hypothesis.
     *
     * @param bestRunning the best running beam's summed log-probability
     * @param generatedLength the running beams' generated length
     * @param earlyStopping stop as soon as enough hypotheses are finished
     */
    boolean isDone(float bestRunning, int generatedLength, boolean earlyStopping) {
        if (hyps.size() < numBeams) {
            return false;
        }
        if (earlyStopping) {
            return true;
        }
        float best = (float) (bestRunning / Math.pow(generatedLength, lengthPenalty));
        return worstScore() >= best;
    }

    Hypothesis best() {
        return hyps.stream().max(Comparator.comparingDouble(Hypothesis::score)).orElseThrow();
    }

    /** The best hypothesis, the latest kept among equal scores (4.2.1: a stable sort by score, then pop()). */
    Hypothesis bestLatestOnTies() {
        Hypothesis best = hyps.get(0);
        for (Hypothesis h : hyps) {
            if (h.score() >= best.score()) {
                best = h;
            }
        }
        return best;
    }
}
