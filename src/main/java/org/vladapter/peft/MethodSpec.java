package org.vladapter.peft;

import com.google.gson.JsonObject;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything the library knows about a method besides one configuration's values, kept with the method's
 * configuration class (as PEFT keeps it with each tuner): its configuration's JSON type and reader, its flat
 * builder options ({@code rank}, {@code reduction_factor}, ...) and how they make a configuration, whether a
 * sharing applies, and its trainable-set rule. Each method's spec is built in one file next to its
 * configuration ({@code LoraMethod}, ...) and registered with one line in {@link Method}, the registry. The
 * values a configuration decides for itself (the recipe's learning rate, batch size and task prompts, which
 * parameters a task uses) are methods of {@link MethodConfig}.
 */
public final class MethodSpec {

    /** Makes a configuration from the flat builder options. */
    @FunctionalInterface
    public interface OptionsReader {
        /**
         * @param method the method (for specs serving several methods)
         * @param sharing the requested sharing, or {@code null} for {@link Sharing#DEFAULT}; never given for a
         *     method without sharing
         * @param options values of {@link MethodSpec#options()} by name, already typed; options not given keep
         *     the paper's values
         * @return the configuration
         */
        MethodConfig read(Method method, Sharing sharing, Map<String, Object> options);
    }

    private final String configType;
    private final Function<JsonObject, MethodConfig> fromJson;
    private final Map<String, Class<? extends Number>> options;
    private final boolean hasSharing;
    private final OptionsReader fromOptions;
    private final boolean trainsEverything;
    private final boolean unfreezesLayerNorms;
    private final BiFunction<String, String[], Optional<String>> trainable;

    private MethodSpec(Builder b) {
        this.configType = b.configType;
        this.fromJson = b.fromJson;
        this.options = new LinkedHashMap<>(b.options);
        this.hasSharing = b.hasSharing;
        this.fromOptions = b.fromOptions;
        this.trainsEverything = b.trainsEverything;
        this.unfreezesLayerNorms = b.unfreezesLayerNorms;
        this.trainable = b.trainable;
    }

    /**
     * @param configType the {@code "type"} of the configuration's JSON ({@code lora}); several methods may share one
     * @param fromJson reads what {@link MethodConfig#toJson()} wrote
     * @return a builder
     */
    public static Builder builder(String configType, Function<JsonObject, MethodConfig> fromJson) {
        return new Builder(configType, fromJson);
    }

    /** @return the {@code "type"} of the configuration's JSON */
    public String configType() {
        return configType;
    }

    /**
     * @param json what {@link MethodConfig#toJson()} wrote, of this spec's type
     * @return the configuration
     */
    public MethodConfig fromJson(JsonObject json) {
        return fromJson.apply(json);
    }

    /** @return the flat builder options this method takes, in order, by name, with their type */
    public Map<String, Class<? extends Number>> options() {
        return java.util.Collections.unmodifiableMap(options);
    }

    /** @return whether a sharing (single, multiple) applies to the method */
    public boolean hasSharing() {
        return hasSharing;
    }

    /**
     * @param method the method
     * @param sharing the requested sharing or {@code null}
     * @param options typed option values
     * @return the configuration the flat builder options describe
     */
    public MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options) {
        return fromOptions.read(method, sharing, options);
    }

    /** @return whether every parameter trains (full fine-tuning) */
    public boolean trainsEverything() {
        return trainsEverything;
    }

    /** @return whether the method unfreezes the backbone's LayerNorms ({@code --unfreeze_layer_norms}) */
    public boolean unfreezesLayerNorms() {
        return unfreezesLayerNorms;
    }

    /**
     * The method's own trainable-set rule, after the rules every method shares (buffers never, the visual
     * embedding always) and before the LayerNorm rule.
     *
     * @param name a parameter name
     * @param segments its dotted segments
     * @return the rule that makes it trainable, or empty
     */
    public Optional<String> trainable(String name, String[] segments) {
        return trainable.apply(name, segments);
    }

    /**
     * @param segments a name's dotted segments
     * @param segment a segment
     * @return whether the name has the segment
     */
    public static boolean hasSegment(String[] segments, String segment) {
        return Arrays.asList(segments).contains(segment);
    }

    /**
     * @param options typed options
     * @param key an option name
     * @param apply what to do with its value when it is set
     */
    public static void ifSet(Map<String, Object> options, String key, Consumer<Object> apply) {
        if (options.containsKey(key)) {
            apply.accept(options.get(key));
        }
    }

    /**
     * @param sharing a requested sharing or {@code null}
     * @return it, or {@link Sharing#DEFAULT}
     */
    public static Sharing orDefault(Sharing sharing) {
        return sharing != null ? sharing : Sharing.DEFAULT;
    }

    /** Builder of a {@link MethodSpec}: {@link #fromOptions} is required. */
    public static final class Builder {
        private final String configType;
        private final Function<JsonObject, MethodConfig> fromJson;
        private final Map<String, Class<? extends Number>> options = new LinkedHashMap<>();
        private boolean hasSharing = true;
        private OptionsReader fromOptions;
        private boolean trainsEverything;
        private boolean unfreezesLayerNorms;
        private BiFunction<String, String[], Optional<String>> trainable = (name, segments) -> Optional.empty();

        private Builder(String configType, Function<JsonObject, MethodConfig> fromJson) {
            this.configType = Objects.requireNonNull(configType, "config type");
            this.fromJson = Objects.requireNonNull(fromJson, "fromJson of " + configType);
        }

        /**
         * @param name a flat option ({@code reduction_factor})
         * @return this
         */
        public Builder integerOption(String name) {
            options.put(name, Integer.class);
            return this;
        }

        /**
         * @param name a flat option ({@code alpha})
         * @return this
         */
        public Builder decimalOption(String name) {
            options.put(name, Double.class);
            return this;
        }

        /**
         * @param applies whether a sharing applies (default true)
         * @return this
         */
        public Builder sharing(boolean applies) {
            this.hasSharing = applies;
            return this;
        }

        /**
         * @param reader makes a configuration from the flat options
         * @return this
         */
        public Builder fromOptions(OptionsReader reader) {
            this.fromOptions = reader;
            return this;
        }

        /**
         * @param all every parameter trains (full fine-tuning)
         * @return this
         */
        public Builder trainsEverything(boolean all) {
            this.trainsEverything = all;
            return this;
        }

        /**
         * @param unfreeze whether the LayerNorms train (default false)
         * @return this
         */
        public Builder unfreezesLayerNorms(boolean unfreeze) {
            this.unfreezesLayerNorms = unfreeze;
            return this;
        }

        /**
         * @param rule the method's own trainable-set rule: name and segments to the reason, or empty
         * @return this
         */
        public Builder trainable(BiFunction<String, String[], Optional<String>> rule) {
            this.trainable = rule;
            return this;
        }

        /** @return the spec */
        public MethodSpec build() {
            if (fromOptions == null) {
                throw new IllegalArgumentException("method spec '" + configType + "' has no fromOptions(...)");
            }
            return new MethodSpec(this);
        }
    }
}
