package org.vladapter.metrics;

/**
 * A plain accuracy: how many of how many were right.
 *
 * @param correct number of correct predictions
 * @param total number of evaluated predictions
 */
public record AccuracyScore(int correct, int total) {

    /**
     * @param correct number correct (0..total)
     * @param total number evaluated
     */
    public AccuracyScore {
        if (correct < 0 || total < 0 || correct > total) {
            throw new IllegalArgumentException("invalid accuracy counts: " + correct + " correct of " + total);
        }
    }

    /**
     * @return correct / total in [0, 1] (0 when nothing was evaluated)
     */
    public double fraction() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /**
     * @return 100 · correct / total
     */
    public double percent() {
        return 100 * fraction();
    }
}
