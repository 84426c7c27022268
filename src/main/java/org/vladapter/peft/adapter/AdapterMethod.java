package org.vladapter.peft.adapter;

import org.vladapter.peft.AdapterController;
import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.Sharing;

import java.util.Optional;

/**
 * Bottleneck adapters ({@link AdapterConfig}): option {@code reduction_factor}; the adapters and the
 * LayerNorms train. The half-shared variant shares the up-projection and is per task.
 */
public final class AdapterMethod {

    /** Adapters, single or multiple. */
    public static final MethodSpec ADAPTER = spec(false);

    /** Half-shared adapters: per task, the up-projection shared. */
    public static final MethodSpec HALF_SHARED = spec(true);

    private AdapterMethod() {}

    private static MethodSpec spec(boolean halfShared) {
        return MethodSpec.builder(AdapterConfig.TYPE, AdapterConfig::fromJson).integerOption("reduction_factor")
                .fromOptions((method, sharing, options) -> {
                    AdapterConfig.Builder b = AdapterConfig.builder();
                    if (halfShared) {
                        if (sharing != null && sharing != Sharing.MULTIPLE) {
                            throw new IllegalArgumentException("half-shared adapters are per task (sharing MULTIPLE)");
                        }
                        b.sharing(Sharing.MULTIPLE).shareUpSampler(true);
                    } else {
                        b.sharing(MethodSpec.orDefault(sharing));
                    }
                    MethodSpec.ifSet(options, "reduction_factor", v -> b.reductionFactor((Integer) v));
                    return b.build();
                })
                .unfreezesLayerNorms(true)
                .trainable((name, segments) -> AdapterController.isAdapterFamily(segments) ? Optional.of("adapter") : Optional.empty())
                .build();
    }
}
