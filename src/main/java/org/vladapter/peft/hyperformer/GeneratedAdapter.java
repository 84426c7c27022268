package org.vladapter.peft.hyperformer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import org.vladapter.nn.Ops;

/**
 * The weights of one generated adapter, in {@code F.linear} orientation.
 *
 * @param downWeight [m, d]
 * @param downBias [m]
 * @param upWeight [d, m]
 * @param upBias [d]
 */
public record GeneratedAdapter(NDArray downWeight, NDArray downBias, NDArray upWeight, NDArray upBias) {

    /**
     * @param x input [..., d]
     * @return {@code linear(gelu_new(linear(x, Wd, bd)), Wu, bu)}, without the residual
     */
    public NDArray branch(NDArray x) {
        NDArray hidden = Ops.geluNew(Linear.linear(x, downWeight, downBias).singletonOrThrow());
        return Linear.linear(hidden, upWeight, upBias).singletonOrThrow();
    }
}
