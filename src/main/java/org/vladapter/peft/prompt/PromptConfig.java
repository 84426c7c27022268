package org.vladapter.peft.prompt;

import org.vladapter.peft.MethodSpec;
import org.vladapter.backbone.ModelType;
import org.vladapter.tasks.Task;
import com.google.gson.JsonObject;
import org.vladapter.peft.ConfigJson;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.peft.BackboneShape;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.OptionChecks;
import org.vladapter.peft.Sharing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Options of encoder prompt tuning ({@code --encoder_prompt_len 40 --mid_dim 800}), with the scripts'
 * values as defaults (docs/behaviour.md#prompts, 3.2).
 *
 * <ul>
 *   <li>{@code promptLength} L (40): prompt vectors prepended to the encoder input;
 *   <li>{@code midDim} (800): hidden size of the reparameterisation MLP d → mid → d;
 *   <li>{@code sharing} ({@link Sharing#DEFAULT}: single): one prompt per task or one for all ({@code --use_single_prompt}).
 * </ul>
 *
 * <p>Initialisation follows the backbone: BART's global init gives N(0, 0.02) embedding and weights and
 * zero biases; under T5 the embedding is N(0, 1) and the Linears keep PyTorch's default init.
 */
public final class PromptConfig implements MethodConfig {

    /** The method's spec, registered in {@link Method}: JSON type, flat options, trainable-set rule. */
    public static final MethodSpec SPEC = MethodSpec.builder(PromptConfig.TYPE, PromptConfig::fromJson)
            .integerOption("prompt_length").integerOption("mid_dim")
            .fromOptions((method, sharing, options) -> {
                PromptConfig.Builder b = PromptConfig.builder().sharing(MethodSpec.orDefault(sharing));
                MethodSpec.ifSet(options, "prompt_length", v -> b.promptLength((Integer) v));
                MethodSpec.ifSet(options, "mid_dim", v -> b.midDim((Integer) v));
                return b.build();
            })
            .trainable((name, segments) -> MethodSpec.hasSegment(segments, PromptController.MODULE_NAME)
                    ? Optional.of("prompt") : Optional.empty())
            .build();

    private static final String NAME = "PromptConfig";

    /** The {@code "type"} value of this configuration's JSON. */
    public static final String TYPE = "prompt";

    private final int promptLength;
    private final int midDim;
    private final Sharing sharing;

    private PromptConfig(Builder b) {
        this.promptLength = (int) OptionChecks.positive(NAME, "promptLength", b.promptLength);
        this.midDim = (int) OptionChecks.positive(NAME, "midDim", b.midDim);
        if (b.sharing == null) {
            throw new IllegalArgumentException(NAME + ": sharing must be SINGLE or MULTIPLE, not null");
        }
        this.sharing = b.sharing;
    }

    /** @return a builder with the scripts' defaults (multiple prompts) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the paper's single prompt ({@code single_prompt.sh}) */
    public static PromptConfig single() {
        return builder().sharing(Sharing.SINGLE).build();
    }

    /** @return the paper's multiple prompts ({@code multiple_prompts.sh}) */
    public static PromptConfig multiple() {
        return builder().sharing(Sharing.MULTIPLE).build();
    }

    @Override
    public Method method() {
        return Method.PROMPT;
    }

    @Override
    public Optional<Sharing> sharing() {
        return Optional.of(sharing);
    }

    /** @return L */
    public int promptLength() {
        return promptLength;
    }

    /** @return the MLP hidden size */
    public int midDim() {
        return midDim;
    }

    @Override
    public LayerHooks createHooks(List<String> tasks, BackboneShape backbone) {
        return new PromptHooks(this, tasks, backbone.kind());
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method().name());
        m.put("promptLength", promptLength);
        m.put("midDim", midDim);
        m.put("sharing", sharing.name());
        return m;
    }

    /**
     * @return this configuration as JSON ({@link ConfigJson}): type {@code prompt}, version, every option
     */
    @Override
    public JsonObject toJson() {
        JsonObject o = ConfigJson.start(TYPE);
        o.addProperty("prompt_length", promptLength);
        o.addProperty("mid_dim", midDim);
        o.addProperty("sharing", ConfigJson.name(sharing));
        return o;
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the configuration
     * @throws IllegalArgumentException naming the key for a missing key, a wrong type or an unknown key
     */
    public static PromptConfig fromJson(JsonObject json) {
        ConfigJson r = ConfigJson.read(json, NAME, TYPE);
        Builder b = builder().promptLength(r.integer("prompt_length")).midDim(r.integer("mid_dim"))
                .sharing(r.enumValue("sharing", Sharing.class));
        r.finish();
        return b.build();
    }

    @Override
    public String toString() {
        return NAME + asMap();
    }

    /** Builder; every option is optional and defaults to the scripts' value. */
    public static final class Builder {
        private int promptLength = 40;
        private int midDim = 800;
        private Sharing sharing = Sharing.DEFAULT;

        private Builder() {}

        /**
         * @param length L (default 40)
         * @return this
         */
        public Builder promptLength(int length) {
            this.promptLength = length;
            return this;
        }

        /**
         * @param midDim MLP hidden size (default 800)
         * @return this
         */
        public Builder midDim(int midDim) {
            this.midDim = midDim;
            return this;
        }

        /**
         * @param sharing SINGLE or MULTIPLE (default {@link Sharing#DEFAULT}, single)
         * @return this
         */
        public Builder sharing(Sharing sharing) {
            this.sharing = sharing;
            return this;
        }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the invalid option
         */
        public PromptConfig build() {
            return new PromptConfig(this);
        }
    }

    /**
     * Single modules on T5 video: 300, what {@code scripts/video/single_prompt.sh} sets (ten times the other T5 video
     * runs, likely a typo in the script, but what it ran); otherwise as every method.
     */
    @Override
    public int paperBaseBatchSize(ModelType backbone, Task.Modality modality) {
        if (backbone == ModelType.T5 && modality == Task.Modality.VIDEO && sharing == Sharing.SINGLE) {
            return 300;
        }
        return MethodConfig.super.paperBaseBatchSize(backbone, modality);
    }
}
