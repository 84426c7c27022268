package org.vladapter.peft.compacter;

import org.vladapter.peft.AdapterController;
import org.vladapter.peft.MethodSpec;

import java.util.Optional;

/**
 * Compacter ({@link CompacterConfig}): options {@code reduction_factor}, {@code phm_dim}; the adapters, the
 * shared PHM rule and the LayerNorms train.
 */
public final class CompacterMethod {

    /** The spec. */
    public static final MethodSpec SPEC = MethodSpec.builder(CompacterConfig.TYPE, CompacterConfig::fromJson)
            .integerOption("reduction_factor").integerOption("phm_dim")
            .fromOptions((method, sharing, options) -> {
                CompacterConfig.Builder b = CompacterConfig.builder().sharing(MethodSpec.orDefault(sharing));
                MethodSpec.ifSet(options, "reduction_factor", v -> b.reductionFactor((Integer) v));
                MethodSpec.ifSet(options, "phm_dim", v -> b.phmDim((Integer) v));
                return b.build();
            })
            .unfreezesLayerNorms(true)
            .trainable((name, segments) -> AdapterController.isAdapterFamily(segments) ? Optional.of("adapter") : Optional.empty())
            .build();

    private CompacterMethod() {}
}
