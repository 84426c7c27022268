package org.vladapter.peft.adapter;

import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.AdapterController;
import org.vladapter.tasks.Task;
import com.google.gson.JsonObject;
import org.vladapter.peft.ConfigJson;
import org.vladapter.peft.BottleneckBuilder;

import org.vladapter.backbone.LayerHooks;
import org.vladapter.peft.BackboneShape;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.OptionChecks;
import org.vladapter.peft.Placement;
import org.vladapter.peft.Sharing;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Options of bottleneck adapters, with the paper's best values as defaults (docs/behaviour.md#recipe).
 *
 * <ul>
 *   <li>{@code reductionFactor} (8): bottleneck size = d_model / reductionFactor (768 → 96);
 *   <li>{@code sharing} ({@link Sharing#DEFAULT}: single): one adapter per task per site, or one per site shared
 *       by all tasks ({@code --use_single_adapter});
 *   <li>{@code shareUpSampler} (false): half-shared adapters, the up-projection shared by all tasks and the
 *       down-projection per task ({@code --share_up_sampler}); this is the variant that reproduces the
 *       paper's half-shared parameter count (docs/behaviour.md#adapters);
 *   <li>{@code shareDownSampler} (false): the other half ({@code --share_down_sampler});
 *   <li>{@code placements} (every sub-layer): where adapters go; {@link Builder#crossAttention(boolean)}
 *       drops or restores the decoder cross-attention site ({@code --add_adapter_cross_attn}, default on).
 * </ul>
 *
 * <p>Fixed, as in every released script: activation {@code gelu_new}, no LayerNorm inside the adapter,
 * no dropout inside the adapter. Initialisation follows the backbone (BART: N(0, 0.02) weights and zero
 * biases; T5: PyTorch's default {@code nn.Linear} init).
 */
public final class AdapterConfig implements MethodConfig {

    /** Adapters, single or multiple. */
    public static final MethodSpec SPEC = methodSpec(false);

    /** Half-shared adapters: per task, the up-projection shared. */
    public static final MethodSpec HALF_SHARED_SPEC = methodSpec(true);

    private static MethodSpec methodSpec(boolean halfShared) {
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

    private static final String NAME = "AdapterConfig";

    /** The {@code "type"} value of this configuration's JSON. */
    public static final String TYPE = "adapter";

    private final int reductionFactor;
    private final Sharing sharing;
    private final boolean shareUpSampler;
    private final boolean shareDownSampler;
    private final Set<Placement> placements;

    private AdapterConfig(Builder b) {
        this.reductionFactor = (int) OptionChecks.positive(NAME, "reductionFactor", b.reductionFactor());
        if (b.sharing == null) {
            throw new IllegalArgumentException(NAME + ": sharing must be SINGLE or MULTIPLE, not null");
        }
        if (b.sharing == Sharing.SINGLE && (b.shareUpSampler || b.shareDownSampler)) {
            throw new IllegalArgumentException(
                    NAME + ": shareUpSampler/shareDownSampler make half-shared adapters and need sharing MULTIPLE;"
                            + " SINGLE already shares the whole adapter");
        }
        if (b.shareUpSampler && b.shareDownSampler) {
            throw new IllegalArgumentException(
                    NAME + ": sharing both the up- and the down-sampler is a single adapter; use sharing SINGLE");
        }
        this.sharing = b.sharing;
        this.shareUpSampler = b.shareUpSampler;
        this.shareDownSampler = b.shareDownSampler;
        this.placements = EnumSet.copyOf(OptionChecks.nonEmpty(NAME, "placements", b.placements()));
    }

    /** @return a builder with the paper's defaults (multiple adapters) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the paper's single adapter ({@code single_adapter.sh}) */
    public static AdapterConfig single() {
        return builder().sharing(Sharing.SINGLE).build();
    }

    /** @return the paper's multiple adapters ({@code multiple_adapters.sh}) */
    public static AdapterConfig multiple() {
        return builder().sharing(Sharing.MULTIPLE).build();
    }

    /** @return half-shared adapters: shared up-projection, per-task down-projection */
    public static AdapterConfig halfShared() {
        return builder().sharing(Sharing.MULTIPLE).shareUpSampler(true).build();
    }

    /** @return the reduction factor */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** @return {@link Method#HALF_SHARED_ADAPTER} when a half is shared, else {@link Method#ADAPTER} */
    @Override
    public Method method() {
        return shareUpSampler || shareDownSampler ? Method.HALF_SHARED_ADAPTER : Method.ADAPTER;
    }

    @Override
    public Optional<Sharing> sharing() {
        return Optional.of(sharing);
    }

    /** @return whether the up-projection is shared by all tasks */
    public boolean shareUpSampler() {
        return shareUpSampler;
    }

    /** @return whether the down-projection is shared by all tasks */
    public boolean shareDownSampler() {
        return shareDownSampler;
    }

    /** @return the sub-layers that get adapters */
    public Set<Placement> placements() {
        return EnumSet.copyOf(placements);
    }

    @Override
    public LayerHooks createHooks(List<String> tasks, BackboneShape backbone) {
        return new AdapterHooks(this, tasks, backbone.kind());
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method().name());
        m.put("reductionFactor", reductionFactor);
        m.put("sharing", sharing.name());
        m.put("shareUpSampler", shareUpSampler);
        m.put("shareDownSampler", shareDownSampler);
        m.put("placements", placements.toString());
        m.put("nonLinearity", "gelu_new");
        return m;
    }

    /**
     * @return this configuration as JSON ({@link ConfigJson}): type {@code adapter}, version, every option
     */
    @Override
    public JsonObject toJson() {
        JsonObject o = ConfigJson.start(TYPE);
        o.addProperty("reduction_factor", reductionFactor);
        o.addProperty("sharing", ConfigJson.name(sharing));
        o.addProperty("share_up_sampler", shareUpSampler);
        o.addProperty("share_down_sampler", shareDownSampler);
        o.add("placements", ConfigJson.names(placements));
        return o;
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the configuration
     * @throws IllegalArgumentException naming the key for a missing key, a wrong type or an unknown key
     */
    public static AdapterConfig fromJson(JsonObject json) {
        ConfigJson r = ConfigJson.read(json, NAME, TYPE);
        Builder b = builder().reductionFactor(r.integer("reduction_factor")).sharing(r.enumValue("sharing", Sharing.class))
                .shareUpSampler(r.bool("share_up_sampler")).shareDownSampler(r.bool("share_down_sampler"))
                .placements(r.enumSet("placements", Placement.class));
        r.finish();
        return b.build();
    }

    @Override
    public String toString() {
        return NAME + asMap();
    }

    /** Builder; every option is optional and defaults to the paper's value. */
    public static final class Builder extends BottleneckBuilder<Builder> {
        private Sharing sharing = Sharing.DEFAULT;
        private boolean shareUpSampler;
        private boolean shareDownSampler;

        private Builder() {}

        @Override
        protected Builder self() {
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
         * @param share share the up-projection across tasks (half-shared adapters; default false)
         * @return this
         */
        public Builder shareUpSampler(boolean share) {
            this.shareUpSampler = share;
            return this;
        }

        /**
         * @param share share the down-projection across tasks (default false)
         * @return this
         */
        public Builder shareDownSampler(boolean share) {
            this.shareDownSampler = share;
            return this;
        }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the invalid option
         */
        public AdapterConfig build() {
            return new AdapterConfig(this);
        }
    }

    /** Multiple and half-shared adapters: 3e-4 on images, as their scripts; single adapters 1e-3; video 3e-4. */
    @Override
    public double paperLearningRate(Task.Modality modality) {
        return modality == Task.Modality.IMAGE && sharing == Sharing.MULTIPLE ? 3e-4 : MethodConfig.super.paperLearningRate(modality);
    }

    /** The shared half of half-shared adapters ({@code up_sampler}, or {@code down_sampler}) serves every task. */
    @Override
    public boolean usesParameter(String taskKey, String parameterName, List<String> taskKeys) {
        List<String> segments = java.util.Arrays.asList(parameterName.split("\\."));
        if (shareUpSampler && segments.contains("up_sampler") || shareDownSampler && segments.contains("down_sampler")) {
            return true;
        }
        return MethodConfig.super.usesParameter(taskKey, parameterName, taskKeys);
    }
}
