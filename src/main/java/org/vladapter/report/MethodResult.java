package org.vladapter.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One method's scores, as a row of a results table.
 *
 * @param method the method's display name, e.g. {@code Single Adapter}
 * @param scores score by task column name (e.g. {@code VQA -> 65.9}), in column order
 * @param percentTrainable trained parameters as a percentage of all parameters (e.g. 4.18)
 */
public record MethodResult(String method, Map<String, Double> scores, double percentTrainable) {

    /** Copies the scores, keeping their order. */
    public MethodResult {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }
}
