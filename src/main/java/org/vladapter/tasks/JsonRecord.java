package org.vladapter.tasks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object of an annotation file with where it came from, and typed accessors whose errors name the
 * file, the line and the key.
 *
 * @param json the object
 * @param file the annotation file
 * @param line the 1-based line where the object starts
 */
public record JsonRecord(JsonObject json, Path file, int line) {

    /** @return {@code file:line} for messages */
    public String where() {
        return file + ":" + line;
    }

    /**
     * @param key a key
     * @return whether the key is present and not JSON null
     */
    public boolean has(String key) {
        JsonElement e = json.get(key);
        return e != null && !e.isJsonNull();
    }

    /**
     * @param key a required key
     * @return its value
     * @throws AnnotationException naming file, line and key when absent
     */
    public JsonElement get(String key) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            throw new AnnotationException(where() + ": missing key '" + key + "'");
        }
        return e;
    }

    /**
     * @param key a required key holding a string
     * @return the string
     */
    public String string(String key) {
        JsonElement e = get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new AnnotationException(where() + ": key '" + key + "' must be a string, found " + e);
        }
        return e.getAsString();
    }

    /**
     * An id that may be a JSON string or number, rendered as Python's {@code str()} would.
     *
     * @param key a required key
     * @return the id as text
     */
    public String id(String key) {
        JsonElement e = get(key);
        if (!e.isJsonPrimitive()) {
            throw new AnnotationException(where() + ": key '" + key + "' must be a string or number, found " + e);
        }
        return PyText.str(e);
    }

    /**
     * @param key a required key holding an integer
     * @return the integer
     */
    public int integer(String key) {
        JsonElement e = get(key);
        try {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber() || p.isString()) {
                return Integer.parseInt(p.getAsString().trim());
            }
        } catch (IllegalStateException | NumberFormatException ignored) {
            // fall through
        }
        throw new AnnotationException(where() + ": key '" + key + "' must be an integer, found " + e);
    }

    /**
     * @param key a required key holding an object of numbers ({@code {"net": 1, "nets": 0.3}})
     * @return the scores in file order
     */
    public Map<String, Float> scores(String key) {
        JsonElement e = get(key);
        if (!e.isJsonObject()) {
            throw new AnnotationException(where() + ": key '" + key + "' must be an object of scores, found " + e);
        }
        Map<String, Float> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> s : e.getAsJsonObject().entrySet()) {
            JsonElement v = s.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                throw new AnnotationException(
                        where() + ": score of '" + s.getKey() + "' under '" + key + "' must be a number, found " + v);
            }
            double exact = v.getAsDouble();
            float score = (float) exact;
            if (!(exact >= 0 && exact <= 1)) {
                throw new AnnotationException(where() + ": score of '" + s.getKey() + "' under '" + key
                        + "' must be a soft score in [0, 1], found " + v);
            }
            out.put(s.getKey(), score);
        }
        return out;
    }
}
