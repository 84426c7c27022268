package org.vladapter.tasks;

import org.vladapter.metrics.VqaAnnotation;

import java.util.List;
import java.util.Map;

/** A task's metric: scores predictions against the examples' references. */
@FunctionalInterface
public interface TaskMetric {

    /**
     * The scores of one evaluation.
     *
     * @param main the main score in 0-100 (the paper's number)
     * @param metrics every metric computed, by name
     */
    record Scores(double main, Map<String, Double> metrics) {}

    /**
     * @param examples the evaluated examples
     * @param predictions prediction by example id
     * @param vqaAnnotations official VQA annotations by question id (empty when not given; only VQA uses them)
     * @return the scores
     */
    Scores score(List<Example> examples, Map<String, String> predictions, Map<String, VqaAnnotation> vqaAnnotations);
}
