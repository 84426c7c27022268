package org.vladapter.tokenize;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.vladapter.io.StrictJson;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a HuggingFace {@code tokenizer.json}, looks up token ids, and appends the VL-Adapter added tokens.
 *
 * <p>Ids come from {@code added_tokens} first and then from the model's vocabulary ({@code vocab} as an object for
 * BPE/WordLevel/WordPiece, as a list of {@code [piece, score]} for Unigram). New tokens get the next free id, which
 * is also the id the Rust library assigns to an added token that is not in the model's vocabulary.
 */
final class TokenizerJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final String source;
    private final JsonObject root;
    private final JsonArray added;
    private final Map<String, Long> addedIds = new HashMap<>();
    private final Map<String, Long> modelIds = new HashMap<>();
    private long maxId = -1;

    TokenizerJson(String json, String source) throws IOException {
        this.source = source;
        JsonElement parsed = StrictJson.parse(json, source);
        if (!parsed.isJsonObject()) {
            throw new IOException("tokenizer " + source + " is not a JSON object");
        }
        root = parsed.getAsJsonObject();
        JsonElement a = root.get("added_tokens");
        if (a == null || a.isJsonNull()) {
            added = new JsonArray();
            root.add("added_tokens", added);
        } else if (a.isJsonArray()) {
            added = a.getAsJsonArray();
        } else {
            throw new IOException("tokenizer " + source + ": 'added_tokens' is not a list");
        }
        for (int i = 0; i < added.size(); i++) {
            JsonElement e = added.get(i);
            JsonObject t = e.isJsonObject() ? e.getAsJsonObject() : null;
            if (t == null || !isNonNegativeInteger(t.get("id"), MAX_ID) || !isString(t.get("content"))) {
                throw new IOException("tokenizer " + source + ": 'added_tokens[" + i + "]' must be an object with a"
                        + " non-negative integer 'id' and a string 'content'");
            }
            long id = t.get("id").getAsLong();
            if (addedIds.put(t.get("content").getAsString(), id) != null) {
                throw new IOException("tokenizer " + source + ": 'added_tokens[" + i + "]' repeats the token '"
                        + abbreviate(t.get("content").getAsString()) + "'");
            }
            maxId = Math.max(maxId, id);
        }
        readModelVocab();
        TokenizerChecks.check(root, source);
    }

    /** Ids above this are refused (the Rust library keeps ids as u32; no vocabulary comes near it). */
    static final long MAX_ID = 1L << 24;

    static boolean isNonNegativeInteger(JsonElement e, long max) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return false;
        }
        try {
            java.math.BigDecimal v = StrictJson.exact(e.getAsJsonPrimitive());
            return v.signum() >= 0 && v.compareTo(java.math.BigDecimal.valueOf(max)) <= 0
                    && v.stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private void readModelVocab() throws IOException {
        JsonElement m = root.get("model");
        if (m == null || !m.isJsonObject()) {
            throw new IOException("tokenizer " + source + " has no 'model' object");
        }
        JsonElement vocab = m.getAsJsonObject().get("vocab");
        if (vocab == null || vocab.isJsonNull()) {
            return;
        }
        if (vocab.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                if (!isNonNegativeInteger(e.getValue(), MAX_ID)) {
                    throw new IOException("tokenizer " + source + ": model vocab entry '" + abbreviate(e.getKey())
                            + "' must have a non-negative integer id, found " + abbreviate(e.getValue().toString()));
                }
                long id = e.getValue().getAsLong();
                modelIds.put(e.getKey(), id);
                maxId = Math.max(maxId, id);
            }
        } else if (vocab.isJsonArray()) {
            JsonArray pieces = vocab.getAsJsonArray();
            for (int i = 0; i < pieces.size(); i++) {
                JsonElement p = pieces.get(i);
                boolean pair = p.isJsonArray() && p.getAsJsonArray().size() == 2 && isString(p.getAsJsonArray().get(0))
                        && p.getAsJsonArray().get(1).isJsonPrimitive()
                        && p.getAsJsonArray().get(1).getAsJsonPrimitive().isNumber()
                        && Double.isFinite(p.getAsJsonArray().get(1).getAsDouble());
                if (!pair) {
                    throw new IOException("tokenizer " + source + ": model vocab[" + i + "] must be a [piece, score]"
                            + " pair with a finite score, found " + abbreviate(p.toString()));
                }
                String piece = p.getAsJsonArray().get(0).getAsString();
                modelIds.putIfAbsent(piece, (long) i);
            }
            maxId = Math.max(maxId, pieces.size() - 1);
        } else {
            throw new IOException("tokenizer " + source + ": model 'vocab' is neither an object nor a list");
        }
    }

    /** @return the id of a token, or -1 */
    long idOf(String token) {
        Long id = addedIds.get(token);
        if (id == null) {
            id = modelIds.get(token);
        }
        return id == null ? -1 : id;
    }

    /** @return one more than the largest id in use */
    long size() {
        return maxId + 1;
    }

    /**
     * Marks a token special, adding it to {@code added_tokens} with the given id if it is only in the model's
     * vocabulary or nowhere yet.
     */
    void ensureSpecial(String token, long id) {
        for (JsonElement e : added) {
            JsonObject t = e.getAsJsonObject();
            if (t.get("content").getAsString().equals(token)) {
                t.addProperty("special", true);
                return;
            }
        }
        JsonObject t = new JsonObject();
        t.addProperty("id", id);
        t.addProperty("content", token);
        t.addProperty("single_word", false);
        t.addProperty("lstrip", false);
        t.addProperty("rstrip", false);
        t.addProperty("normalized", false);
        t.addProperty("special", true);
        added.add(t);
        addedIds.put(token, id);
        maxId = Math.max(maxId, id);
    }

    String toJson() {
        return GSON.toJson(root);
    }

    String source() {
        return source;
    }
}
