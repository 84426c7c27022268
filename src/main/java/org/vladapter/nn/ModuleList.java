package org.vladapter.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An indexed list of modules named {@code 0, 1, 2, ...}, as PyTorch's {@code nn.ModuleList}.
 *
 * @param <M> the element type
 */
public final class ModuleList<M extends Module> extends Module {

    private final List<M> items = new ArrayList<>();

    /**
     * Appends a module under the next index.
     *
     * @param m the module
     * @return the module
     */
    public M add(M m) {
        module(Integer.toString(items.size()), m);
        items.add(m);
        return m;
    }

    /**
     * @param i index
     * @return the module at that index
     */
    public M get(int i) {
        return items.get(i);
    }

    /** @return the number of modules */
    public int size() {
        return items.size();
    }

    /** @return the modules in order */
    public List<M> items() {
        return Collections.unmodifiableList(items);
    }
}
