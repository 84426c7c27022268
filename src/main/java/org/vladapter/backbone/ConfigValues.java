package org.vladapter.backbone;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.vladapter.io.StrictJson;

import java.math.BigDecimal;

/**
 * Typed, range-checked reads of one {@code config.json} object: integers must be exact JSON integers (not
 * {@code 2.5}, {@code [2]} or a value that wraps around 32 bits), reals finite JSON numbers, booleans and strings
 * of their own JSON type, and each value inside the range the model can be built with. Every error is one sentence
 * naming the file and the key.
 */
final class ConfigValues {

    private final JsonObject json;
    private final String source;

    ConfigValues(JsonObject json, String source) {
        this.json = json;
        this.source = source;
    }

    boolean has(String key) {
        return json != null && json.has(key) && !json.get(key).isJsonNull();
    }

    /** A required integer in [min, max]. */
    int required(String key, int min, int max) {
        if (!has(key)) {
            throw new IllegalArgumentException("missing key '" + key + "' in " + source);
        }
        return integer(key, 0, min, max);
    }

    /** An optional integer in [min, max]. */
    int integer(String key, int dflt, int min, int max) {
        if (!has(key)) {
            return dflt;
        }
        BigDecimal v = number(key);
        BigDecimal integral;
        try {
            integral = new BigDecimal(v.toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " must be an integer, found "
                    + show(json.get(key)));
        }
        if (integral.compareTo(BigDecimal.valueOf(min)) < 0 || integral.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " is " + show(json.get(key))
                    + ", outside the supported range [" + min + ", " + max + "]");
        }
        return integral.intValueExact();
    }

    /** An optional finite real in [min, max] (bounds inclusive unless noted by {@code minExclusive}). */
    float real(String key, float dflt, double min, boolean minExclusive, double max, boolean maxExclusive) {
        if (!has(key)) {
            return dflt;
        }
        double d = number(key).doubleValue();
        float f = (float) d;
        boolean ok = Float.isFinite(f) && (minExclusive ? d > min : d >= min) && (maxExclusive ? d < max : d <= max);
        if (!ok) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " is " + show(json.get(key))
                    + ", outside the supported range " + (minExclusive ? "(" : "[") + min + ", " + max
                    + (maxExclusive ? ")" : "]"));
        }
        return f;
    }

    boolean bool(String key, boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " must be true or false, found "
                    + show(e));
        }
        return e.getAsBoolean();
    }

    String string(String key, String dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " must be a string, found "
                    + show(e));
        }
        return e.getAsString();
    }

    private BigDecimal number(String key) {
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " must be a number, found "
                    + show(e));
        }
        try {
            return StrictJson.exact(e.getAsJsonPrimitive());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " is not a finite number: "
                    + show(e));
        }
    }

    /** A JSON value for a message, shortened. */
    static String show(JsonElement e) {
        String s;
        if (e.isJsonArray()) {
            s = "a list " + e;
        } else if (e.isJsonObject()) {
            s = "an object";
        } else if (e.isJsonPrimitive() && ((JsonPrimitive) e).isString()) {
            s = "the string " + e;
        } else {
            s = e.toString();
        }
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
