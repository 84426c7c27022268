package org.vladapter.peft;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import org.vladapter.nn.Module;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters keyed by name (PyTorch {@code nn.ParameterDict}), e.g. {@code lora_As.vqa} or
 * {@code task_to_embeddings.gqa}.
 */
public final class ParameterDict extends Module {

    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /**
     * Creates and registers a parameter.
     *
     * @param name the key
     * @param shape its shape
     * @param init its initializer
     * @return the parameter
     */
    public Parameter put(String name, Shape shape, Initializer init) {
        Parameter p = param(name, shape, init);
        byName.put(name, p);
        return p;
    }

    /**
     * @param name a key
     * @return the parameter
     * @throws IllegalArgumentException naming the known keys when absent
     */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; known: " + byName.keySet());
        }
        return p;
    }

    /** @return the parameters by key, in registration order */
    public Map<String, Parameter> asMap() {
        return Collections.unmodifiableMap(byName);
    }
}
