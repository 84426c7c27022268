package org.vladapter.peft;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form every {@link MethodConfig} writes and reads: snake_case keys, a {@code "type"} key naming the
 * configuration class ({@code adapter}, {@code compacter}, {@code hyperformer}, {@code lora}, {@code prompt},
 * {@code baseline}), a {@code "version"} key ({@value #VERSION}), and enum values in lower case
 * ({@code "multiple"}, {@code "decoder_cross_attention"}).
 *
 * <p>A reader checks the type and version, hands out each key once with its type checked, and
 * {@link #finish()} refuses keys nobody asked for. Every failure is an {@link IllegalArgumentException} that
 * names the configuration and the key.
 */
public final class ConfigJson {

    /** The version written by this library and the only one it reads. */
    public static final int VERSION = 1;

    private final JsonObject json;
    private final String config;
    private final Set<String> read = new HashSet<>();

    private ConfigJson(JsonObject json, String config) {
        this.json = json;
        this.config = config;
    }

    /**
     * @param type the configuration's type key value
     * @return a new object holding {@code type} and {@code version}
     */
    public static JsonObject start(String type) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.addProperty("version", VERSION);
        return o;
    }

    /**
     * @param json the object to read, or {@code null}
     * @param config the configuration's name, for messages ({@code "LoraConfig"})
     * @param type the expected {@code "type"} value
     * @return a reader positioned after {@code type} and {@code version}
     * @throws IllegalArgumentException when the object is missing, of another type or another version
     */
    public static ConfigJson read(JsonObject json, String config, String type) {
        if (json == null) {
            throw new IllegalArgumentException(config + ": no JSON object to read");
        }
        ConfigJson r = new ConfigJson(json, config);
        String found = r.string("type");
        if (!found.equals(type)) {
            throw new IllegalArgumentException(config + ": key \"type\" must be \"" + type + "\", got \"" + found + "\"");
        }
        int version = r.integer("version");
        if (version != VERSION) {
            throw new IllegalArgumentException(config + ": key \"version\" is " + version + "; this library reads version "
                    + VERSION + " only");
        }
        return r;
    }

    /**
     * @param json any method configuration's JSON
     * @return its {@code "type"} value
     * @throws IllegalArgumentException when there is none
     */
    static String typeOf(JsonObject json) {
        if (json == null) {
            throw new IllegalArgumentException("method configuration: no JSON object to read");
        }
        return new ConfigJson(json, "method configuration").string("type");
    }

    private JsonElement get(String key) {
        read.add(key);
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(config + ": key \"" + key + "\" is missing");
        }
        return e;
    }

    private IllegalArgumentException wrongType(String key, String wanted, JsonElement got) {
        return new IllegalArgumentException(config + ": key \"" + key + "\" must be " + wanted + ", got " + got);
    }

    /**
     * @param key the key
     * @return its value, a JSON number without a fraction that fits an int
     */
    public int integer(String key) {
        JsonElement e = get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                return new BigDecimal(e.getAsString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException ignored) {
                // falls through to the error
            }
        }
        throw wrongType(key, "an integer", e);
    }

    /**
     * @param key the key
     * @return its value, a JSON number
     */
    public double decimal(String key) {
        JsonElement e = get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsDouble();
        }
        throw wrongType(key, "a number", e);
    }

    /**
     * @param key the key
     * @return its value, a JSON boolean
     */
    public boolean bool(String key) {
        JsonElement e = get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw wrongType(key, "true or false", e);
    }

    /**
     * @param key the key
     * @return its value, a JSON string
     */
    public String string(String key) {
        JsonElement e = get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return e.getAsString();
        }
        throw wrongType(key, "a string", e);
    }

    /**
     * @param key the key
     * @param type the enum
     * @param <E> the enum type
     * @return the constant its lower-case string names
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        return constant(key, type, string(key));
    }

    /**
     * @param key the key
     * @param type the enum
     * @param <E> the enum type
     * @return the constants its array of lower-case strings names
     */
    public <E extends Enum<E>> Set<E> enumSet(String key, Class<E> type) {
        JsonElement e = get(key);
        if (!e.isJsonArray()) {
            throw wrongType(key, "an array of strings", e);
        }
        Set<E> out = EnumSet.noneOf(type);
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw wrongType(key, "an array of strings", e);
            }
            out.add(constant(key, type, x.getAsString()));
        }
        return out;
    }

    private <E extends Enum<E>> E constant(String key, Class<E> type, String value) {
        for (E c : type.getEnumConstants()) {
            if (name(c).equals(value)) {
                return c;
            }
        }
        Set<String> known = new TreeSet<>();
        for (E c : type.getEnumConstants()) {
            known.add(name(c));
        }
        throw new IllegalArgumentException(config + ": key \"" + key + "\" has unknown value \"" + value + "\"; known: "
                + String.join(", ", known));
    }

    /**
     * Refuses keys no read asked for.
     *
     * @throws IllegalArgumentException naming the unknown keys and the configuration
     */
    public void finish() {
        Set<String> unknown = new TreeSet<>(json.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(config + ": unknown key(s) " + unknown + "; known: " + new TreeSet<>(read));
        }
    }

    /**
     * @param c an enum constant
     * @return its JSON form, the lower-case name
     */
    public static String name(Enum<?> c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param values enum constants
     * @return their JSON form, an array of lower-case names in declaration order
     */
    public static JsonArray names(Collection<? extends Enum<?>> values) {
        JsonArray a = new JsonArray();
        values.stream().sorted((x, y) -> Integer.compare(x.ordinal(), y.ordinal()))
                .forEach(v -> a.add(new JsonPrimitive(name(v))));
        return a;
    }
}
