package org.vladapter.peft.lora;

import com.google.gson.JsonObject;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.Sharing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * LoRA ({@link LoraConfig}): options {@code rank}, {@code alpha}, {@code lora_dropout}; names containing
 * {@code lora} or {@code bias} train (every bias of the backbone, LayerNorm biases included; LayerNorm
 * weights do not, docs/behaviour.md#quirks-kept).
 */
public final class LoraMethod implements MethodSpec {

    /** The one instance. */
    public static final LoraMethod SPEC = new LoraMethod();

    private LoraMethod() {}

    @Override
    public String configType() {
        return LoraConfig.TYPE;
    }

    @Override
    public MethodConfig fromJson(JsonObject json) {
        return LoraConfig.fromJson(json);
    }

    @Override
    public Map<String, Class<? extends Number>> options() {
        Map<String, Class<? extends Number>> o = new LinkedHashMap<>();
        o.put("rank", Integer.class);
        o.put("alpha", Double.class);
        o.put("lora_dropout", Double.class);
        return o;
    }

    @Override
    public boolean hasSharing() {
        return true;
    }

    @Override
    public MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options) {
        LoraConfig.Builder b = LoraConfig.builder().sharing(sharing != null ? sharing : Sharing.DEFAULT);
        MethodSpec.ifSet(options, "rank", v -> b.rank((Integer) v));
        MethodSpec.ifSet(options, "alpha", v -> b.alpha((Double) v));
        MethodSpec.ifSet(options, "lora_dropout", v -> b.dropout((Double) v));
        return b.build();
    }

    @Override
    public boolean unfreezesLayerNorms() {
        return false;
    }

    @Override
    public Optional<String> trainable(String name, String[] segments) {
        if (name.contains("lora")) {
            return Optional.of("lora");
        }
        return name.contains("bias") ? Optional.of("bias (LoRA)") : Optional.empty();
    }
}
