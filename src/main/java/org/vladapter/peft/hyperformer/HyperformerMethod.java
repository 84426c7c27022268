package org.vladapter.peft.hyperformer;

import com.google.gson.JsonObject;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.Sharing;

import java.util.Map;
import java.util.Optional;

/**
 * Hyperformer ({@link HyperformerConfig}): option {@code reduction_factor}, no sharing (the task embeddings
 * are per task, the hyper-networks shared); {@code shared_task_embed.*}, the hyper-networks and the
 * LayerNorms train.
 */
public final class HyperformerMethod implements MethodSpec {

    /** The one instance. */
    public static final HyperformerMethod SPEC = new HyperformerMethod();

    private HyperformerMethod() {}

    @Override
    public String configType() {
        return HyperformerConfig.TYPE;
    }

    @Override
    public MethodConfig fromJson(JsonObject json) {
        return HyperformerConfig.fromJson(json);
    }

    @Override
    public Map<String, Class<? extends Number>> options() {
        return Map.of("reduction_factor", Integer.class);
    }

    @Override
    public boolean hasSharing() {
        return false;
    }

    @Override
    public MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options) {
        HyperformerConfig.Builder b = HyperformerConfig.builder();
        MethodSpec.ifSet(options, "reduction_factor", v -> b.reductionFactor((Integer) v));
        return b.build();
    }

    @Override
    public boolean unfreezesLayerNorms() {
        return true;
    }

    @Override
    public Optional<String> trainable(String name, String[] segments) {
        return MethodSpec.hasSegment(segments, TaskEmbeddingController.ROOT_NAME)
                || MethodSpec.hasSegment(segments, "adapter_layers_hyper_net") ? Optional.of("hyperformer") : Optional.empty();
    }
}
