package org.vladapter.peft.hyperformer;

import ai.djl.training.initializer.Initializer;
import org.vladapter.nn.Dense;
import org.vladapter.backbone.ModelType;
import org.vladapter.nn.Initializers;

/** Initialisation of the hyper-network layers per backbone (see {@link HyperformerConfig}). */
final class HyperInit {

    private HyperInit() {}

    static Dense linear(long in, long out, ModelType kind) {
        double std = kind == ModelType.BART ? 0.02 : 0.01;
        return new Dense(in, out, true, Initializers.normal(std), Initializers.zeros());
    }

    static Initializer layerEmbedding(ModelType kind) {
        return Initializers.normal(kind == ModelType.BART ? 0.02 : 1.0);
    }
}
