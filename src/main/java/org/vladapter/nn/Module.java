package org.vladapter.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A DJL block whose parameters and children carry stable, HuggingFace-style names.
 *
 * <p>DJL names parameters by tree position ({@code 01Linear_weight}); checkpoints of BART, T5 and the
 * PEFT modules need the names PyTorch uses ({@code encoder.layers.3.self_attn.q_proj.weight}). A
 * {@code Module} records the local name of each parameter and child, and {@link #namedParameters()}
 * joins them with dots. A parameter reachable under several names (a module shared by several tasks or
 * sites) is listed once, under the first name met, so counts never double-count shared tensors.
 *
 * <p>Subclasses expose typed forward methods; {@link #forwardInternal} is only implemented by the
 * top-level models that DJL may call directly.
 */
public abstract class Module extends AbstractBlock {

    private final Map<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Buffer> ownBuffers = new LinkedHashMap<>();

    /**
     * Creates and registers a parameter.
     *
     * @param name the local name, e.g. {@code weight}
     * @param shape the shape
     * @param initializer how the parameter is initialised when no checkpoint supplies it
     * @return the registered parameter
     */
    protected final Parameter param(String name, Shape shape, Initializer initializer) {
        if (ownParameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        Parameter parameter =
                Parameter.builder()
                        .setName(name)
                        .setType(Parameter.Type.OTHER)
                        .optShape(shape)
                        .optInitializer(initializer)
                        .build();
        addParameter(parameter);
        ownParameters.put(name, parameter);
        return parameter;
    }

    /**
     * Creates and registers a buffer: a named, non-trainable tensor that checkpoints carry but that is
     * not a parameter (as PyTorch's {@code register_buffer}; e.g. BART's {@code final_logits_bias}).
     *
     * @param name the local name
     * @param shape the shape
     * @return the buffer, zero-filled when the module is initialised
     */
    protected final Buffer buffer(String name, Shape shape) {
        if (ownParameters.containsKey(name) || children.containsKey(name) || ownBuffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        Buffer b = new Buffer(name, shape);
        ownBuffers.put(name, b);
        return b;
    }

    /**
     * Lists every buffer of this module and its descendants under its dotted name.
     *
     * @return an ordered map from dotted name to buffer
     */
    public Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        collectBuffers("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Buffer> out, Set<Buffer> seen) {
        for (Map.Entry<String, Buffer> e : ownBuffers.entrySet()) {
            if (seen.add(e.getValue())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collectBuffers(prefix + e.getKey() + ".", out, seen);
        }
    }

    /**
     * Registers a child module under a local name.
     *
     * @param name the local name, e.g. {@code self_attn}
     * @param module the child
     * @param <M> the child's type
     * @return the child
     */
    protected final <M extends Module> M module(String name, M module) {
        if (ownParameters.containsKey(name) || children.containsKey(name) || ownBuffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        children.put(name, module);
        addChildBlock(name, module);
        return module;
    }

    /** @return the child modules by local name, in registration order */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Lists every parameter of this module and its descendants under its dotted name, in registration
     * order; a parameter reachable twice is listed once.
     *
     * @return an ordered map from dotted name to parameter
     */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out, Set<Parameter> seen) {
        for (Map.Entry<String, Parameter> e : ownParameters.entrySet()) {
            if (seen.add(e.getValue())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, seen);
        }
    }

    /**
     * Allocates every parameter that has no array yet, using its initializer.
     *
     * @param manager the manager that owns the parameters
     * @param dataType the data type (float32 in practice)
     */
    public void initialize(NDManager manager, DataType dataType) {
        for (Parameter p : namedParameters().values()) {
            p.initialize(manager, dataType);
        }
        for (Buffer b : namedBuffers().values()) {
            b.initialize(manager, dataType);
        }
    }

    /** {@inheritDoc} Shapes are fixed at construction, so input shapes are ignored. */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        initialize(manager, dataType);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has typed forward methods only");
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has typed forward methods only");
    }
}
