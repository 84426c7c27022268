package org.vladapter.peft;

import com.google.gson.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the library knows about a method besides one configuration's values, kept with the method's
 * configuration class (as PEFT keeps it with each tuner): its configuration's JSON type and reader, its flat
 * builder options ({@code rank}, {@code reduction_factor}, ...) and how they make a configuration, and its
 * trainable-set rule. Each method's spec is one file next to its configuration ({@code LoraMethod}, ...),
 * registered with one line in {@link Method}, the registry. The values a configuration decides for itself
 * (the recipe's learning rate, batch size and task prompts, which parameters a task uses) are methods of
 * {@link MethodConfig}.
 */
public interface MethodSpec {

    /** @return the {@code "type"} of the configuration's JSON ({@code lora}); several methods may share one */
    String configType();

    /**
     * @param json what {@link MethodConfig#toJson()} wrote, of this spec's type
     * @return the configuration
     */
    MethodConfig fromJson(JsonObject json);

    /** @return the flat builder options this method takes, by name, with their type ({@code Integer} or {@code Double}) */
    Map<String, Class<? extends Number>> options();

    /** @return whether a sharing (single, multiple) applies to the method */
    boolean hasSharing();

    /**
     * The configuration the flat builder options describe; options not given keep the paper's values.
     *
     * @param method the method (for specs serving several methods)
     * @param sharing the requested sharing, or {@code null} for {@link Sharing#DEFAULT}; never given for a method
     *     without sharing
     * @param options values of {@link #options()} by name, already typed
     * @return the configuration
     */
    MethodConfig fromOptions(Method method, Sharing sharing, Map<String, Object> options);

    /** @return whether every parameter trains (full fine-tuning) */
    default boolean trainsEverything() {
        return false;
    }

    /** @return whether the method unfreezes the backbone's LayerNorms ({@code --unfreeze_layer_norms}) */
    boolean unfreezesLayerNorms();

    /**
     * The method's own trainable-set rule, after the rules every method shares (buffers never, the visual
     * embedding always) and before the LayerNorm rule.
     *
     * @param name a parameter name
     * @param segments its dotted segments
     * @return the rule that makes it trainable, or empty
     */
    Optional<String> trainable(String name, String[] segments);

    /**
     * @param segments a name's dotted segments
     * @param segment a segment
     * @return whether the name has the segment
     */
    static boolean hasSegment(String[] segments, String segment) {
        return Arrays.asList(segments).contains(segment);
    }

    /**
     * @param options typed options
     * @param key an option name
     * @param apply what to do with its value when it is set
     */
    static void ifSet(Map<String, Object> options, String key, Consumer<Object> apply) {
        if (options.containsKey(key)) {
            apply.accept(options.get(key));
        }
    }

    /**
     * @param method a method
     * @return its options as the error messages list them
     */
    static List<String> optionNames(Method method) {
        return List.copyOf(method.spec().options().keySet());
    }
}
