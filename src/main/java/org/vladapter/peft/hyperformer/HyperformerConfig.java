package org.vladapter.peft.hyperformer;

import org.vladapter.peft.MethodSpec;
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
 * Options of Hyperformer ({@code --use_hyperformer --unique_hyper_net}), with the script's values as
 * defaults (docs/behaviour.md#hyperformer, 3.2).
 *
 * <ul>
 *   <li>{@code taskEmbeddingDim} e (512): size of each task embedding and of each layer-id embedding;
 *   <li>{@code taskHiddenDim} (128): hidden size of the task hyper-network Linear(2e→h)-ReLU-Linear(h→p);
 *   <li>{@code projectedTaskEmbeddingDim} p (8): size of the layer-conditioned embedding z that feeds the
 *       weight generators;
 *   <li>{@code reductionFactor} (8): generated adapters are d → d/8 → d;
 *   <li>{@code placements} (every sub-layer): which sites get generated adapters; each stack's controller has
 *       generators only for the block types placed in it (the original always builds feed-forward and
 *       self-attention generators, plus cross-attention in the decoder: the same set by default).
 * </ul>
 *
 * <p>Fixed as in the scripts: {@code unique_hyper_net_layer_norm} on (LayerNorm over z, eps 1e-6), task
 * embeddings used as they are ({@code train_task_embeddings=False}), no LayerNorm hyper-nets, activation
 * {@code gelu_new}. Initialisation: task embeddings N(0, 1); BART's global init then sets every Linear to
 * N(0, 0.02)/0 and the layer-id embedding to N(0, 0.02); under T5 the Linears keep the hyper-network's
 * own N(0, 0.01)/0 and the layer-id embedding PyTorch's N(0, 1).
 */
public final class HyperformerConfig implements MethodConfig {

    /** The method's spec, registered in {@link Method}: JSON type, flat options, trainable-set rule. */
    public static final MethodSpec SPEC = MethodSpec.builder(HyperformerConfig.TYPE, HyperformerConfig::fromJson)
            .integerOption("reduction_factor").sharing(false)
            .fromOptions((method, sharing, options) -> {
                HyperformerConfig.Builder b = HyperformerConfig.builder();
                MethodSpec.ifSet(options, "reduction_factor", v -> b.reductionFactor((Integer) v));
                return b.build();
            })
            .unfreezesLayerNorms(true)
            .trainable((name, segments) -> MethodSpec.hasSegment(segments, TaskEmbeddingController.ROOT_NAME)
                    || MethodSpec.hasSegment(segments, "adapter_layers_hyper_net") ? Optional.of("hyperformer") : Optional.empty())
            .build();

    private static final String NAME = "HyperformerConfig";

    /** The {@code "type"} value of this configuration's JSON. */
    public static final String TYPE = "hyperformer";

    private final int taskEmbeddingDim;
    private final int taskHiddenDim;
    private final int projectedTaskEmbeddingDim;
    private final int reductionFactor;
    private final Set<Placement> placements;

    private HyperformerConfig(Builder b) {
        this.taskEmbeddingDim = (int) OptionChecks.positive(NAME, "taskEmbeddingDim", b.taskEmbeddingDim);
        this.taskHiddenDim = (int) OptionChecks.positive(NAME, "taskHiddenDim", b.taskHiddenDim);
        this.projectedTaskEmbeddingDim =
                (int) OptionChecks.positive(NAME, "projectedTaskEmbeddingDim", b.projectedTaskEmbeddingDim);
        this.reductionFactor = (int) OptionChecks.positive(NAME, "reductionFactor", b.reductionFactor());
        this.placements = EnumSet.copyOf(OptionChecks.nonEmpty(NAME, "placements", b.placements()));
    }

    /** @return a builder with the script's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the paper's Hyperformer ({@code hyperformer.sh}) */
    public static HyperformerConfig paper() {
        return builder().build();
    }

    @Override
    public Method method() {
        return Method.HYPERFORMER;
    }

    /** @return empty: the hyper-networks are shared, the task embeddings per task */
    @Override
    public Optional<Sharing> sharing() {
        return Optional.empty();
    }

    /** @return e, the task and layer-id embedding size */
    public int taskEmbeddingDim() {
        return taskEmbeddingDim;
    }

    /** @return the task hyper-network's hidden size */
    public int taskHiddenDim() {
        return taskHiddenDim;
    }

    /** @return p, the size of z */
    public int projectedTaskEmbeddingDim() {
        return projectedTaskEmbeddingDim;
    }

    /** @return the reduction factor */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** @return the sub-layers that get generated adapters */
    public Set<Placement> placements() {
        return EnumSet.copyOf(placements);
    }

    @Override
    public LayerHooks createHooks(List<String> tasks, BackboneShape backbone) {
        return new HyperformerHooks(this, tasks, backbone);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method().name());
        m.put("taskEmbeddingDim", taskEmbeddingDim);
        m.put("taskHiddenDim", taskHiddenDim);
        m.put("projectedTaskEmbeddingDim", projectedTaskEmbeddingDim);
        m.put("reductionFactor", reductionFactor);
        m.put("placements", placements.toString());
        m.put("layerNormEps", 1e-6);
        m.put("nonLinearity", "gelu_new");
        return m;
    }

    /**
     * @return this configuration as JSON ({@link ConfigJson}): type {@code hyperformer}, version, every option
     */
    @Override
    public JsonObject toJson() {
        JsonObject o = ConfigJson.start(TYPE);
        o.addProperty("task_embedding_dim", taskEmbeddingDim);
        o.addProperty("task_hidden_dim", taskHiddenDim);
        o.addProperty("projected_task_embedding_dim", projectedTaskEmbeddingDim);
        o.addProperty("reduction_factor", reductionFactor);
        o.add("placements", ConfigJson.names(placements));
        return o;
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the configuration
     * @throws IllegalArgumentException naming the key for a missing key, a wrong type or an unknown key
     */
    public static HyperformerConfig fromJson(JsonObject json) {
        ConfigJson r = ConfigJson.read(json, NAME, TYPE);
        Builder b = builder().taskEmbeddingDim(r.integer("task_embedding_dim")).taskHiddenDim(r.integer("task_hidden_dim"))
                .projectedTaskEmbeddingDim(r.integer("projected_task_embedding_dim"))
                .reductionFactor(r.integer("reduction_factor")).placements(r.enumSet("placements", Placement.class));
        r.finish();
        return b.build();
    }

    @Override
    public String toString() {
        return NAME + asMap();
    }

    /** Builder; every option is optional and defaults to the script's value. */
    public static final class Builder extends BottleneckBuilder<Builder> {
        private int taskEmbeddingDim = 512;
        private int taskHiddenDim = 128;
        private int projectedTaskEmbeddingDim = 8;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param dim e (default 512)
         * @return this
         */
        public Builder taskEmbeddingDim(int dim) {
            this.taskEmbeddingDim = dim;
            return this;
        }

        /**
         * @param dim hidden size of the task hyper-network (default 128)
         * @return this
         */
        public Builder taskHiddenDim(int dim) {
            this.taskHiddenDim = dim;
            return this;
        }

        /**
         * @param dim p (default 8)
         * @return this
         */
        public Builder projectedTaskEmbeddingDim(int dim) {
            this.projectedTaskEmbeddingDim = dim;
            return this;
        }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the invalid option
         */
        public HyperformerConfig build() {
            return new HyperformerConfig(this);
        }
    }

    /** The task embeddings are per task (named by task key); the hyper-networks serve every task. */
    @Override
    public boolean usesParameter(String taskKey, String parameterName, List<String> taskKeys) {
        return !MethodConfig.ownedByAnotherTask(taskKey, parameterName, taskKeys);
    }
}
