package org.vladapter.peft.compacter;

import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.AdapterController;
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
 * Options of Compacter adapters, with the paper's script values as defaults (docs/behaviour.md#compacter, 3.2).
 *
 * <ul>
 *   <li>{@code reductionFactor} (8): bottleneck = d_model / reductionFactor;
 *   <li>{@code sharing} ({@link Sharing#DEFAULT}: single): per-task or shared Compacters ({@code --use_single_adapter});
 *   <li>{@code phmDim} n (2, {@code --hypercomplex_division}): number of Kronecker terms; must divide d and
 *       the bottleneck;
 *   <li>{@code sharedPhmRule} (false): one rule tensor [n,n,n] for every PHM layer of the model, registered
 *       at the model root as {@code shared_phm_rule.phm_rule}; false gives each PHM layer its own rule;
 *   <li>{@code factorizedPhm} (false): {@code W[i] = W_left[i]·W_right[i]} with rank {@code phmRank};
 *   <li>{@code phmRank} (1): the rank of the factorisation, used only when factorised;
 *   <li>{@code phmInitRange} (0.01, the CLI default that overrides the config's 1e-4): std of the rule's
 *       normal initialisation;
 *   <li>{@code placements} (every sub-layer) / {@link Builder#crossAttention(boolean)} as for adapters.
 * </ul>
 *
 * <p>Fixed: W initialised per slice with xavier-uniform gain √2, bias 0, rule N(0, phmInitRange), rules
 * learnt, activation {@code gelu_new}. PHM layers are not {@code nn.Linear}, so BART's global init does not
 * touch them: initialisation is the same for BART and T5.
 */
public final class CompacterConfig implements MethodConfig {

    /** The method's spec, registered in {@link Method}: JSON type, flat options, trainable-set rule. */
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

    private static final String NAME = "CompacterConfig";

    /** The {@code "type"} value of this configuration's JSON. */
    public static final String TYPE = "compacter";

    private final int reductionFactor;
    private final Sharing sharing;
    private final int phmDim;
    private final boolean sharedPhmRule;
    private final boolean factorizedPhm;
    private final int phmRank;
    private final double phmInitRange;
    private final Set<Placement> placements;

    private CompacterConfig(Builder b) {
        this.reductionFactor = (int) OptionChecks.positive(NAME, "reductionFactor", b.reductionFactor());
        if (b.sharing == null) {
            throw new IllegalArgumentException(NAME + ": sharing must be SINGLE or MULTIPLE, not null");
        }
        this.sharing = b.sharing;
        this.phmDim = (int) OptionChecks.positive(NAME, "phmDim", b.phmDim);
        this.sharedPhmRule = b.sharedPhmRule;
        this.factorizedPhm = b.factorizedPhm;
        this.phmRank = (int) OptionChecks.positive(NAME, "phmRank", b.phmRank);
        this.phmInitRange = OptionChecks.positive(NAME, "phmInitRange", b.phmInitRange);
        this.placements = EnumSet.copyOf(OptionChecks.nonEmpty(NAME, "placements", b.placements()));
    }

    /** @return a builder with the paper's defaults (multiple Compacters) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the paper's single Compacter ({@code single_compacter.sh}) */
    public static CompacterConfig single() {
        return builder().sharing(Sharing.SINGLE).build();
    }

    /** @return the paper's multiple Compacters ({@code multiple_compacters.sh}) */
    public static CompacterConfig multiple() {
        return builder().sharing(Sharing.MULTIPLE).build();
    }

    @Override
    public Method method() {
        return Method.COMPACTER;
    }

    @Override
    public Optional<Sharing> sharing() {
        return Optional.of(sharing);
    }

    /** @return the reduction factor */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** @return n, the number of Kronecker terms */
    public int phmDim() {
        return phmDim;
    }

    /** @return whether one rule is shared by every PHM layer */
    public boolean sharedPhmRule() {
        return sharedPhmRule;
    }

    /** @return whether W is factorised as W_left·W_right */
    public boolean factorizedPhm() {
        return factorizedPhm;
    }

    /** @return the factorisation rank */
    public int phmRank() {
        return phmRank;
    }

    /** @return the std of the rule's initialisation */
    public double phmInitRange() {
        return phmInitRange;
    }

    /** @return the sub-layers that get Compacters */
    public Set<Placement> placements() {
        return EnumSet.copyOf(placements);
    }

    @Override
    public LayerHooks createHooks(List<String> tasks, BackboneShape backbone) {
        return new CompacterHooks(this, tasks);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method().name());
        m.put("reductionFactor", reductionFactor);
        m.put("sharing", sharing.name());
        m.put("phmDim", phmDim);
        m.put("sharedPhmRule", sharedPhmRule);
        m.put("factorizedPhm", factorizedPhm);
        m.put("phmRank", phmRank);
        m.put("phmInitRange", phmInitRange);
        m.put("placements", placements.toString());
        m.put("nonLinearity", "gelu_new");
        return m;
    }

    /**
     * @return this configuration as JSON ({@link ConfigJson}): type {@code compacter}, version, every option
     */
    @Override
    public JsonObject toJson() {
        JsonObject o = ConfigJson.start(TYPE);
        o.addProperty("reduction_factor", reductionFactor);
        o.addProperty("sharing", ConfigJson.name(sharing));
        o.addProperty("phm_dim", phmDim);
        o.addProperty("shared_phm_rule", sharedPhmRule);
        o.addProperty("factorized_phm", factorizedPhm);
        o.addProperty("phm_rank", phmRank);
        o.addProperty("phm_init_range", phmInitRange);
        o.add("placements", ConfigJson.names(placements));
        return o;
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the configuration
     * @throws IllegalArgumentException naming the key for a missing key, a wrong type or an unknown key
     */
    public static CompacterConfig fromJson(JsonObject json) {
        ConfigJson r = ConfigJson.read(json, NAME, TYPE);
        Builder b = builder().reductionFactor(r.integer("reduction_factor")).sharing(r.enumValue("sharing", Sharing.class))
                .phmDim(r.integer("phm_dim")).sharedPhmRule(r.bool("shared_phm_rule"))
                .factorizedPhm(r.bool("factorized_phm")).phmRank(r.integer("phm_rank"))
                .phmInitRange(r.decimal("phm_init_range")).placements(r.enumSet("placements", Placement.class));
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
        private int phmDim = 2;
        private boolean sharedPhmRule;
        private boolean factorizedPhm;
        private int phmRank = 1;
        private double phmInitRange = 0.01;

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
         * @param phmDim n (default 2)
         * @return this
         */
        public Builder phmDim(int phmDim) {
            this.phmDim = phmDim;
            return this;
        }

        /**
         * @param shared one rule for all PHM layers (default false)
         * @return this
         */
        public Builder sharedPhmRule(boolean shared) {
            this.sharedPhmRule = shared;
            return this;
        }

        /**
         * @param factorized W as a low-rank product (default false)
         * @return this
         */
        public Builder factorizedPhm(boolean factorized) {
            this.factorizedPhm = factorized;
            return this;
        }

        /**
         * @param rank rank of the factorisation (default 1)
         * @return this
         */
        public Builder phmRank(int rank) {
            this.phmRank = rank;
            return this;
        }

        /**
         * @param std std of the rule's normal init (default 0.01)
         * @return this
         */
        public Builder phmInitRange(double std) {
            this.phmInitRange = std;
            return this;
        }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the invalid option
         */
        public CompacterConfig build() {
            return new CompacterConfig(this);
        }
    }
}
