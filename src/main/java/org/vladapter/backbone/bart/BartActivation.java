package org.vladapter.backbone.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.nn.Ops;

/** BART's {@code activation_function}. */
final class BartActivation {

    private BartActivation() {}

    static NDArray apply(ModelConfig c, NDArray x) {
        switch (c.activation()) {
            case "gelu":
                return Ops.gelu(x);
            case "gelu_new":
                return Ops.geluNew(x);
            case "relu":
                return Activation.relu(x);
            default:
                throw new IllegalArgumentException("unsupported BART activation_function '" + c.activation() + "'");
        }
    }
}
