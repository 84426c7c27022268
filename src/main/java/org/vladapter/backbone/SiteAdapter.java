package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/** A module applied to a sub-layer's output: returns {@code x + f(x)} for an adapter. */
public interface SiteAdapter {

    /**
     * @param x sub-layer output [B, L, d]
     * @param ctx forward context (task routing, dropout)
     * @return the adapted output, same shape
     */
    NDArray apply(NDArray x, ForwardContext ctx);

    /** @return this adapter as a module, registered as a child of the layer */
    Module asModule();
}
