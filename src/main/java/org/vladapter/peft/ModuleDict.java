package org.vladapter.peft;

import org.vladapter.nn.Module;

/**
 * A parameterless container whose children carry given names, to reproduce PyTorch names such as
 * {@code task_embeding_generator.0.weight} ({@code nn.Sequential} indexes) or
 * {@code weight_generator.0.bias}.
 */
public final class ModuleDict extends Module {

    /**
     * Registers a child.
     *
     * @param name the local name ({@code 0}, {@code 2}, ...)
     * @param child the child
     * @param <M> its type
     * @return the child
     */
    public <M extends Module> M put(String name, M child) {
        return module(name, child);
    }
}
