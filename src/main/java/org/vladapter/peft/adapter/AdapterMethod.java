package org.vladapter.peft.adapter;

import com.google.gson.JsonObject;
import org.vladapter.peft.AdapterController;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.Sharing;

import java.util.Map;
import java.util.Optional;

/**
 * Bottleneck adapters ({@link AdapterConfig}): option {@code reduction_factor}; the adapters and the
 * LayerNorms train. The half-shared variant shares the up-projection and is per task.
 */
public final class AdapterMethod implements MethodSpec {

    /** Adapters, single or multiple. */
    public static final AdapterMethod ADAPTER = new AdapterMethod(false);

    /** Half-shared adapters: per task, the up-projection shared. */
    public static final AdapterMethod HALF_SHARED = new AdapterMethod(true);

    private final boolean halfShared;

    private AdapterMethod(boolean halfShared) {
        this.halfShared = halfShared;
    }

    @Override
    public String configType() {
        return AdapterConfig.TYPE;
    }

    @Override
    public MethodConfig fromJson(JsonObject json) {
        return AdapterConfig.fromJson(json);
    }

    @Override
    public Map<String, Class<? extends Number>> options() {
        return Map.of("reduction_factor", Integer.class);
    }

    @Override
    public boolean hasSharing() {
        return true;
    }

    @Override
    public MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options) {
        AdapterConfig.Builder b = AdapterConfig.builder();
        if (halfShared) {
            if (sharing != null && sharing != Sharing.MULTIPLE) {
                throw new IllegalArgumentException("half-shared adapters are per task (sharing MULTIPLE)");
            }
            b.sharing(Sharing.MULTIPLE).shareUpSampler(true);
        } else {
            b.sharing(sharing != null ? sharing : Sharing.DEFAULT);
        }
        MethodSpec.ifSet(options, "reduction_factor", v -> b.reductionFactor((Integer) v));
        return b.build();
    }

    @Override
    public boolean unfreezesLayerNorms() {
        return true;
    }

    @Override
    public Optional<String> trainable(String name, String[] segments) {
        return AdapterController.isAdapterFamily(segments) ? Optional.of("adapter") : Optional.empty();
    }
}
