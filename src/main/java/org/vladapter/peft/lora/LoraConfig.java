package org.vladapter.peft.lora;

import org.vladapter.peft.MethodSpec;
import org.vladapter.backbone.ModelType;
import org.vladapter.tasks.Task;
import com.google.gson.JsonObject;
import org.vladapter.peft.ConfigJson;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ProjectionSite;
import org.vladapter.backbone.ProjectionSite.Role;
import org.vladapter.backbone.SubLayer;
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
 * Options of LoRA ({@code --use_lora --lora_dim 128}), with the scripts' values as defaults (docs/behaviour.md#lora, 3.2).
 *
 * <ul>
 *   <li>{@code rank} r (128, {@code --lora_dim});
 *   <li>{@code alpha} (32, {@code --lora_alpha}): the update is scaled by alpha / r (0.25);
 *   <li>{@code dropout} (0.1): dropout on the LoRA path's input, in training only;
 *   <li>{@code sharing} ({@link Sharing#DEFAULT}: single): per-task A/B or one pair for all tasks ({@code --use_single_lora});
 *   <li>{@code targetRoles} ({QUERY, VALUE}): which projections of a targeted sub-layer get LoRA;
 *   <li>{@code targetPlacements} (encoder self-, decoder self-, decoder cross-attention).
 * </ul>
 *
 * <p>Fixed: A [r, in] kaiming-uniform(a=√5), B [out, r] zeros, so a new LoRA layer computes exactly its
 * base projection. The original implements LoRA for BART only; these hooks work for any backbone that asks
 * {@link LayerHooks#projection}.
 */
public final class LoraConfig implements MethodConfig {

    /** The method's spec, registered in {@link Method}: JSON type, flat options, trainable-set rule. */
    public static final MethodSpec SPEC = MethodSpec.builder(LoraConfig.TYPE, LoraConfig::fromJson)
            .integerOption("rank").decimalOption("alpha").decimalOption("lora_dropout")
            .fromOptions((method, sharing, options) -> {
                LoraConfig.Builder b = LoraConfig.builder().sharing(MethodSpec.orDefault(sharing));
                MethodSpec.ifSet(options, "rank", v -> b.rank((Integer) v));
                MethodSpec.ifSet(options, "alpha", v -> b.alpha((Double) v));
                MethodSpec.ifSet(options, "lora_dropout", v -> b.dropout((Double) v));
                return b.build();
            })
            .trainable((name, segments) -> name.contains("lora") ? Optional.of("lora")
                    : name.contains("bias") ? Optional.of("bias (LoRA)") : Optional.empty())
            .build();

    private static final String NAME = "LoraConfig";

    /** The {@code "type"} value of this configuration's JSON. */
    public static final String TYPE = "lora";

    private final int rank;
    private final double alpha;
    private final double dropout;
    private final Sharing sharing;
    private final Set<Role> targetRoles;
    private final Set<Placement> targetPlacements;

    private LoraConfig(Builder b) {
        this.rank = (int) OptionChecks.positive(NAME, "rank", b.rank);
        this.alpha = OptionChecks.positive(NAME, "alpha", b.alpha);
        this.dropout = OptionChecks.probability(NAME, "dropout", b.dropout);
        if (b.sharing == null) {
            throw new IllegalArgumentException(NAME + ": sharing must be SINGLE or MULTIPLE, not null");
        }
        this.sharing = b.sharing;
        this.targetRoles = EnumSet.copyOf(OptionChecks.nonEmpty(NAME, "targetRoles", b.targetRoles));
        this.targetPlacements = EnumSet.copyOf(OptionChecks.nonEmpty(NAME, "targetPlacements", b.targetPlacements));
        for (Placement p : targetPlacements) {
            boolean any = targetRoles.stream().anyMatch(r -> roleOccursIn(r, p.subLayer()));
            if (!any) {
                throw new IllegalArgumentException(NAME + ": target placement " + p + " has none of the target roles "
                        + targetRoles + " (attention has QUERY/KEY/VALUE/OUTPUT, feed-forward FFN_IN/FFN_OUT)");
            }
        }
    }

    private static boolean roleOccursIn(Role role, SubLayer subLayer) {
        boolean ffnRole = role == Role.FFN_IN || role == Role.FFN_OUT;
        return ffnRole == (subLayer == SubLayer.FEED_FORWARD);
    }

    /** @return a builder with the scripts' defaults (multiple LoRA) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the paper's single LoRA ({@code single_lora.sh}) */
    public static LoraConfig single() {
        return builder().sharing(Sharing.SINGLE).build();
    }

    /** @return the paper's multiple LoRA ({@code multiple_lora.sh}) */
    public static LoraConfig multiple() {
        return builder().sharing(Sharing.MULTIPLE).build();
    }

    /**
     * @param site a projection site
     * @return whether LoRA replaces the projection there
     */
    public boolean targets(ProjectionSite site) {
        if (site.stack() == org.vladapter.backbone.Stack.ENCODER && site.subLayer() == SubLayer.CROSS_ATTENTION) {
            return false;
        }
        return targetRoles.contains(site.role())
                && targetPlacements.contains(Placement.of(site.stack(), site.subLayer()));
    }

    @Override
    public Method method() {
        return Method.LORA;
    }

    @Override
    public Optional<Sharing> sharing() {
        return Optional.of(sharing);
    }

    /** @return r */
    public int rank() {
        return rank;
    }

    /** @return alpha */
    public double alpha() {
        return alpha;
    }

    /** @return alpha / r */
    public double scaling() {
        return alpha / rank;
    }

    /** @return the LoRA-path dropout rate */
    public double dropout() {
        return dropout;
    }

    /** @return the targeted projection roles */
    public Set<Role> targetRoles() {
        return EnumSet.copyOf(targetRoles);
    }

    /** @return the targeted sub-layers */
    public Set<Placement> targetPlacements() {
        return EnumSet.copyOf(targetPlacements);
    }

    @Override
    public LayerHooks createHooks(List<String> tasks, BackboneShape backbone) {
        return new LoraHooks(this, tasks);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method().name());
        m.put("rank", rank);
        m.put("alpha", alpha);
        m.put("scaling", scaling());
        m.put("dropout", dropout);
        m.put("sharing", sharing.name());
        m.put("targetRoles", targetRoles.toString());
        m.put("targetPlacements", targetPlacements.toString());
        return m;
    }

    /**
     * @return this configuration as JSON ({@link ConfigJson}): type {@code lora}, version, every option
     */
    @Override
    public JsonObject toJson() {
        JsonObject o = ConfigJson.start(TYPE);
        o.addProperty("rank", rank);
        o.addProperty("alpha", alpha);
        o.addProperty("dropout", dropout);
        o.addProperty("sharing", ConfigJson.name(sharing));
        o.add("target_roles", ConfigJson.names(targetRoles));
        o.add("target_placements", ConfigJson.names(targetPlacements));
        return o;
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the configuration
     * @throws IllegalArgumentException naming the key for a missing key, a wrong type or an unknown key
     */
    public static LoraConfig fromJson(JsonObject json) {
        ConfigJson r = ConfigJson.read(json, NAME, TYPE);
        Builder b = builder().rank(r.integer("rank")).alpha(r.decimal("alpha")).dropout(r.decimal("dropout"))
                .sharing(r.enumValue("sharing", Sharing.class)).targetRoles(r.enumSet("target_roles", Role.class))
                .targetPlacements(r.enumSet("target_placements", Placement.class));
        r.finish();
        return b.build();
    }

    @Override
    public String toString() {
        return NAME + asMap();
    }

    /** Builder; every option is optional and defaults to the scripts' value. */
    public static final class Builder {
        private int rank = 128;
        private double alpha = 32;
        private double dropout = 0.1;
        private Sharing sharing = Sharing.DEFAULT;
        private Set<Role> targetRoles = EnumSet.of(Role.QUERY, Role.VALUE);
        private Set<Placement> targetPlacements = Placement.attention();

        private Builder() {}

        /**
         * @param rank r (default 128)
         * @return this
         */
        public Builder rank(int rank) {
            this.rank = rank;
            return this;
        }

        /**
         * @param alpha the scaling numerator (default 32)
         * @return this
         */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * @param dropout LoRA-path dropout in [0, 1) (default 0.1)
         * @return this
         */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
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
         * @param roles projection roles that get LoRA (default QUERY, VALUE)
         * @return this
         */
        public Builder targetRoles(Set<Role> roles) {
            if (roles == null) {
                this.targetRoles = null;
            } else {
                this.targetRoles = EnumSet.noneOf(Role.class);
                this.targetRoles.addAll(roles);
            }
            return this;
        }

        /**
         * @param placements sub-layers whose projections get LoRA (default: the three attentions)
         * @return this
         */
        public Builder targetPlacements(Set<Placement> placements) {
            this.targetPlacements = Placement.copyOf(placements);
            return this;
        }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the invalid option
         */
        public LoraConfig build() {
            return new LoraConfig(this);
        }
    }

    /**
     * Single modules on T5 video: 300, what {@code scripts/video/single_lora.sh} sets (ten times the other T5 video
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
