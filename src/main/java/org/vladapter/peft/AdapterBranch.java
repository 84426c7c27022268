package org.vladapter.peft;

import ai.djl.ndarray.NDArray;
import org.vladapter.nn.ForwardContext;

/** The residual branch {@code f} of an adapter {@code x + f(x)}: a bottleneck or a PHM bottleneck. */
public interface AdapterBranch {

    /**
     * @param x sub-layer output [..., d]
     * @param ctx forward context (dropout)
     * @return {@code f(x)}, same shape, without the residual
     */
    NDArray branch(NDArray x, ForwardContext ctx);
}
