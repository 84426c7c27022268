package org.vladapter.train;

import java.util.Map;

/**
 * Scores the model on held-out data: after every epoch (validation) and once after training (test).
 * Called outside any {@code GradientCollector}, inside an {@code NDScope}.
 */
@FunctionalInterface
public interface Evaluator {

    /**
     * @param epoch the 0-based epoch just finished (for the final test: the last epoch)
     * @return scores by task key, in a stable order (e.g. {@code vqa -> 65.9})
     */
    Map<String, Double> evaluate(int epoch);
}
