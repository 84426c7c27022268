package org.vladapter.peft.compacter;

import com.google.gson.JsonObject;
import org.vladapter.peft.AdapterController;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.Sharing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compacter ({@link CompacterConfig}): options {@code reduction_factor}, {@code phm_dim}; the adapters, the
 * shared PHM rule and the LayerNorms train.
 */
public final class CompacterMethod implements MethodSpec {

    /** The one instance. */
    public static final CompacterMethod SPEC = new CompacterMethod();

    private CompacterMethod() {}

    @Override
    public String configType() {
        return CompacterConfig.TYPE;
    }

    @Override
    public MethodConfig fromJson(JsonObject json) {
        return CompacterConfig.fromJson(json);
    }

    @Override
    public Map<String, Class<? extends Number>> options() {
        Map<String, Class<? extends Number>> o = new LinkedHashMap<>();
        o.put("reduction_factor", Integer.class);
        o.put("phm_dim", Integer.class);
        return o;
    }

    @Override
    public boolean hasSharing() {
        return true;
    }

    @Override
    public MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options) {
        CompacterConfig.Builder b = CompacterConfig.builder().sharing(sharing != null ? sharing : Sharing.DEFAULT);
        MethodSpec.ifSet(options, "reduction_factor", v -> b.reductionFactor((Integer) v));
        MethodSpec.ifSet(options, "phm_dim", v -> b.phmDim((Integer) v));
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
