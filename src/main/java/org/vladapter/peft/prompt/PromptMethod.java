package org.vladapter.peft.prompt;

import com.google.gson.JsonObject;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.Sharing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prompt tuning ({@link PromptConfig}): options {@code prompt_length}, {@code mid_dim}; the
 * {@code prompt_modules} train, no LayerNorm.
 */
public final class PromptMethod implements MethodSpec {

    /** The one instance. */
    public static final PromptMethod SPEC = new PromptMethod();

    private PromptMethod() {}

    @Override
    public String configType() {
        return PromptConfig.TYPE;
    }

    @Override
    public MethodConfig fromJson(JsonObject json) {
        return PromptConfig.fromJson(json);
    }

    @Override
    public Map<String, Class<? extends Number>> options() {
        Map<String, Class<? extends Number>> o = new LinkedHashMap<>();
        o.put("prompt_length", Integer.class);
        o.put("mid_dim", Integer.class);
        return o;
    }

    @Override
    public boolean hasSharing() {
        return true;
    }

    @Override
    public MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options) {
        PromptConfig.Builder b = PromptConfig.builder().sharing(sharing != null ? sharing : Sharing.DEFAULT);
        MethodSpec.ifSet(options, "prompt_length", v -> b.promptLength((Integer) v));
        MethodSpec.ifSet(options, "mid_dim", v -> b.midDim((Integer) v));
        return b.build();
    }

    @Override
    public boolean unfreezesLayerNorms() {
        return false;
    }

    @Override
    public Optional<String> trainable(String name, String[] segments) {
        return MethodSpec.hasSegment(segments, PromptController.MODULE_NAME) ? Optional.of("prompt") : Optional.empty();
    }
}
