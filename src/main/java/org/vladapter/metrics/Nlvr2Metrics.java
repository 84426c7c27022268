package org.vladapter.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NLVR2 accuracy and consistency, as VL-T5's {@code NLVR2Evaluator.evaluate} (itself after the NLVR2 repository's
 * {@code eval/metrics.py}).
 *
 * <p>accuracy = #(prediction == label) / #examples. Consistency groups examples by their identifier with the third
 * {@code '-'}-separated field blanked ({@code "dev-850-0-0" -> "dev-850--0"}: the same sentence over different image
 * pairs) and is the fraction of groups whose examples are all correct. Every example needs a prediction (the original
 * exits otherwise).
 *
 * @param accuracy fraction correct in [0, 1]
 * @param consistency fraction of sentence groups entirely correct in [0, 1]
 * @param examples number of examples
 * @param groups number of sentence groups
 */
public record Nlvr2Metrics(double accuracy, double consistency, int examples, int groups) {

    /**
     * @param examples the labelled examples (not empty)
     * @param predictions identifier to predicted label; must cover every example
     * @return accuracy and consistency
     * @throws IllegalArgumentException when examples lack a prediction (a few are named) or are malformed
     */
    public static Nlvr2Metrics evaluate(List<Nlvr2Example> examples, Map<String, Boolean> predictions) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no NLVR2 examples to evaluate");
        }
        List<String> missing = new ArrayList<>();
        for (Nlvr2Example ex : examples) {
            if (!predictions.containsKey(ex.identifier())) {
                missing.add(ex.identifier());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing predictions for " + missing.size() + " of " + examples.size()
                    + " NLVR2 examples, e.g. " + missing.subList(0, Math.min(5, missing.size())));
        }
        double correct = 0;
        Map<String, Boolean> consistent = new LinkedHashMap<>();
        for (Nlvr2Example ex : examples) {
            String group = sentenceGroup(ex.identifier());
            consistent.putIfAbsent(group, Boolean.TRUE);
            if (predictions.get(ex.identifier()) == ex.label()) {
                correct += 1;
            } else {
                consistent.put(group, Boolean.FALSE);
            }
        }
        double consistentGroups = 0;
        for (boolean c : consistent.values()) {
            if (c) {
                consistentGroups += 1;
            }
        }
        return new Nlvr2Metrics(correct / examples.size(), consistentGroups / consistent.size(), examples.size(),
                consistent.size());
    }

    /**
     * The identifier with its third {@code '-'} field blanked, as the original's
     * {@code parts = id.split("-"); parts[2] = ''; "-".join(parts)}.
     *
     * @param identifier an NLVR2 identifier with at least three fields
     * @return the sentence group key
     */
    public static String sentenceGroup(String identifier) {
        String[] parts = identifier.split("-", -1);
        if (parts.length < 3) {
            throw new IllegalArgumentException("NLVR2 identifier '" + identifier
                    + "' has fewer than 3 '-'-separated fields (expected e.g. dev-850-0-0)");
        }
        parts[2] = "";
        return String.join("-", parts);
    }
}
