package org.vladapter.backbone.t5;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import org.vladapter.backbone.ModelConfig;

/** T5's initialisation scheme ({@code T5PreTrainedModel._init_weights}), used for presets without weights. */
final class T5Init {

    private T5Init() {}

    static Initializer normal(ModelConfig c, double std) {
        return new NormalInitializer((float) (c.initStd() * std));
    }

    static Initializer shared(ModelConfig c) {
        return normal(c, 1.0);
    }

    static Initializer query(ModelConfig c) {
        return normal(c, Math.pow((double) c.dModel() * c.dKv(), -0.5));
    }

    static Initializer keyValue(ModelConfig c) {
        return normal(c, Math.pow(c.dModel(), -0.5));
    }

    static Initializer output(ModelConfig c, int heads) {
        return normal(c, Math.pow((double) heads * c.dKv(), -0.5));
    }

    static Initializer ffnIn(ModelConfig c) {
        return normal(c, Math.pow(c.dModel(), -0.5));
    }

    static Initializer ffnOut(ModelConfig c, int ffnDim) {
        return normal(c, Math.pow(ffnDim, -0.5));
    }
}
