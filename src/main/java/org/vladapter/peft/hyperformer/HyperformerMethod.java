package org.vladapter.peft.hyperformer;

import org.vladapter.peft.MethodSpec;

import java.util.Optional;

/**
 * Hyperformer ({@link HyperformerConfig}): option {@code reduction_factor}, no sharing (the task embeddings
 * are per task, the hyper-networks shared); {@code shared_task_embed.*}, the hyper-networks and the
 * LayerNorms train.
 */
public final class HyperformerMethod {

    /** The spec. */
    public static final MethodSpec SPEC = MethodSpec.builder(HyperformerConfig.TYPE, HyperformerConfig::fromJson)
            .integerOption("reduction_factor").sharing(false)
            .fromOptions((method, sharing, options) -> {
                HyperformerConfig.Builder b = HyperformerConfig.builder();
                MethodSpec.ifSet(options, "reduction_factor", v -> b.reductionFactor((Integer) v));
                return b.build();
            })
            .unfreezesLayerNorms(true)
            .trainable((name, segments) -> MethodSpec.hasSegment(segments, TaskEmbeddingController.ROOT_NAME)
                    || MethodSpec.hasSegment(segments, "adapter_layers_hyper_net") ? Optional.of("hyperformer") : Optional.empty())
            .build();

    private HyperformerMethod() {}
}
