package org.vladapter.nn;

import ai.djl.ndarray.NDArray;

/**
 * A linear map inside a backbone layer (attention q/k/v/o, FFN in/out). The plain implementation is
 * {@link Dense}; PEFT methods such as LoRA supply their own implementation through
 * {@link org.vladapter.backbone.LayerHooks#projection}, keeping the base weight's name so that
 * pretrained checkpoints load unchanged.
 */
public interface Projection {

    /**
     * @param x input [..., in]
     * @param ctx forward context (dropout, task routing)
     * @return output [..., out]
     */
    NDArray forward(NDArray x, ForwardContext ctx);

    /** @return this projection as a module, for registration in the parameter tree */
    Module asModule();
}
