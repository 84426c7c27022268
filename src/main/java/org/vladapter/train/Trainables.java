package org.vladapter.train;

import ai.djl.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Selects the trainable parameters (those whose gradient is computed) from a named parameter map. */
final class Trainables {

    private Trainables() {}

    /**
     * @param parameters all named parameters
     * @return the ones that require a gradient, in the same order
     * @throws IllegalStateException naming a trainable parameter that has no array yet, or whose array
     *     has no gradient attached
     */
    static Map<String, Parameter> of(Map<String, Parameter> parameters) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            if (!p.isInitialized()) {
                throw new IllegalStateException(
                        "trainable parameter '" + e.getKey() + "' has no array; initialise the model first");
            }
            if (!p.getArray().hasGradient()) {
                throw new IllegalStateException(
                        "parameter '" + e.getKey() + "' requires a gradient but its array has none attached (was the"
                                + " array replaced after initialisation?); call getArray().setRequiresGradient(true)"
                                + " or Parameter.freeze(false) on it");
            }
            out.put(e.getKey(), p);
        }
        return out;
    }
}
