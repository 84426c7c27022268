package org.vladapter.peft;

import ai.djl.nn.Parameter;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides from HF-style parameter names which parameters train, as VL-Adapter's
 * {@code freeze_whole_model()} + {@code unfreeze_parameters()} do (docs/behaviour.md#methods). The rules every
 * method shares (buffers, the visual embedding, LayerNorms) are here; each method's own rule is in its
 * {@link MethodSpec#trainable}:
 *
 * <ul>
 *   <li>every method: names containing {@code visual_embedding} (the visual projection; the object-order
 *       rows of {@code shared.weight} stay frozen);
 *   <li>{@link Method#FULL_FINETUNING}: everything, including {@code shared.weight};
 *   <li>adapter family ({@link Method#ADAPTER}, {@link Method#HALF_SHARED_ADAPTER}, {@link Method#COMPACTER}):
 *       the adapters (a name segment {@value AdapterController#ADAPTERS}, and the Compacter root rule
 *       {@code shared_phm_rule}) + LayerNorms;
 *   <li>{@link Method#HYPERFORMER}: {@code shared_task_embed.*} and {@code *.adapter_layers_hyper_net.*} + LayerNorms;
 *   <li>{@link Method#LORA}: names containing {@code lora} or {@code bias} (so every bias of the backbone,
 *       LayerNorm biases included, trains; LayerNorm weights do not — docs/behaviour.md#quirks-kept);
 *   <li>{@link Method#PROMPT}: the {@code prompt_modules} only (no LayerNorm);
 *   <li>{@link Method#VISUAL_PROJECTION_ONLY}: the visual projection only;
 *       {@link Method#VISUAL_PROJECTION_LAYERNORM}: + LayerNorms.
 * </ul>
 *
 * <p>LayerNorms are parameters whose owning module's name contains {@code layer_norm} or {@code layernorm}
 * (case-insensitive): BART's {@code self_attn_layer_norm}, {@code encoder_attn_layer_norm},
 * {@code final_layer_norm}, {@code layernorm_embedding}, T5's {@code layer.{k}.layer_norm} and the stacks'
 * {@code final_layer_norm}. <b>VL-T5 quirk</b> (docs/behaviour.md#adapters, 7.2): the original tests for the wrong
 * {@code T5LayerNorm} class, so VL-T5 block and final norms are <em>not</em> unfrozen; by default this
 * selector is faithful to that (T5 norms are recognised by a {@code .block.} segment or by
 * {@code encoder.final_layer_norm} / {@code decoder.final_layer_norm}, names BART does not have).
 * {@link Builder#unfreezeT5LayerNorms(boolean)} fixes it.
 *
 * <p>{@code final_logits_bias} is a buffer in the original, never trained and not counted; it is never
 * selected here, whatever the method (see {@link #isBuffer(String)}).
 */
public final class TrainableSelector {

    private static final Pattern T5_FINAL_NORM = Pattern.compile("(^|\\.)(encoder|decoder)\\.final_layer_norm\\.");

    private final Method method;
    private final boolean unfreezeT5LayerNorms;

    private TrainableSelector(Builder b) {
        if (b.method == null) {
            throw new IllegalArgumentException("TrainableSelector: method(...) is required");
        }
        this.method = b.method;
        this.unfreezeT5LayerNorms = b.unfreezeT5LayerNorms;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param method the method
     * @return a selector with the faithful T5 LayerNorm behaviour
     */
    public static TrainableSelector forMethod(Method method) {
        return builder().method(method).build();
    }

    /**
     * @param name a parameter name
     * @return whether it is a buffer of the original model (never trained, not counted)
     */
    public static boolean isBuffer(String name) {
        return name.equals("final_logits_bias") || name.endsWith(".final_logits_bias");
    }

    /**
     * @param name a parameter name
     * @return whether it trains under this method
     */
    public boolean isTrainable(String name) {
        return reason(name).isPresent();
    }

    /**
     * @param name a parameter name
     * @return the rule that makes it trainable, or empty when it is frozen
     */
    public Optional<String> reason(String name) {
        if (isBuffer(name)) {
            return Optional.empty();
        }
        MethodSpec spec = method.spec();
        if (spec.trainsEverything()) {
            return Optional.of("full fine-tuning");
        }
        if (name.contains("visual_embedding")) {
            return Optional.of("visual embedding");
        }
        String[] segments = name.split("\\.");
        Optional<String> own = spec.trainable(name, segments);
        if (own.isPresent()) {
            return own;
        }
        if (method.unfreezesLayerNorms() && isLayerNorm(segments)) {
            if (isT5BackboneNorm(name) && !unfreezeT5LayerNorms) {
                return Optional.empty();
            }
            return Optional.of("layer norm");
        }
        return Optional.empty();
    }

    private static boolean isLayerNorm(String[] segments) {
        if (segments.length < 2) {
            return false;
        }
        String owner = segments[segments.length - 2].toLowerCase(Locale.ROOT);
        return owner.contains("layer_norm") || owner.contains("layernorm");
    }

    private static boolean isT5BackboneNorm(String name) {
        return name.contains(".block.") || name.startsWith("block.") || T5_FINAL_NORM.matcher(name).find();
    }

    /**
     * @param names parameter names
     * @return the trainable ones, in the given order
     */
    public Set<String> select(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (isTrainable(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Freezes every parameter that does not train and unfreezes the others.
     *
     * @param parameters a model's {@code namedParameters()}
     * @return the number of trainable parameter tensors
     */
    public int apply(Map<String, Parameter> parameters) {
        int trainable = 0;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            boolean t = isTrainable(e.getKey());
            e.getValue().freeze(!t);
            if (t) {
                trainable++;
            }
        }
        return trainable;
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return whether VL-T5 block/final LayerNorms are unfrozen (false = faithful to the original) */
    public boolean unfreezeT5LayerNorms() {
        return unfreezeT5LayerNorms;
    }

    /** Builder: {@code method} is required. */
    public static final class Builder {
        private Method method;
        private boolean unfreezeT5LayerNorms;

        private Builder() {}

        /**
         * @param method the training method
         * @return this
         */
        public Builder method(Method method) {
            this.method = method;
            return this;
        }

        /**
         * @param unfreeze unfreeze VL-T5's block and final LayerNorms with the adapter family (default false,
         *     faithful to the original's quirk)
         * @return this
         */
        public Builder unfreezeT5LayerNorms(boolean unfreeze) {
            this.unfreezeT5LayerNorms = unfreeze;
            return this;
        }

        /** @return the selector */
        public TrainableSelector build() {
            return new TrainableSelector(this);
        }
    }
}
