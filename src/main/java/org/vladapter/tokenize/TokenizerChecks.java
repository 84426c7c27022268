package org.vladapter.tokenize;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks, in Java, the parts of a {@code tokenizer.json} that the Rust tokenizers library trusts and would abort the
 * whole process on (a panic inside native code) rather than report: a SentencePiece {@code precompiled_charsmap}
 * (its double-array trie is walked on every input, and a damaged one indexes out of bounds) and a
 * {@code TemplateProcessing} post-processor whose templates name special tokens it does not define.
 */
final class TokenizerChecks {

    private TokenizerChecks() {}

    /**
     * @param root the parsed {@code tokenizer.json}
     * @param source the file, for messages
     * @throws IOException naming the file and the field of the first problem
     */
    static void check(JsonObject root, String source) throws IOException {
        walk(root.get("normalizer"), "normalizer", source);
        walk(root.get("post_processor"), "post_processor", source);
    }

    private static void walk(JsonElement e, String path, String source) throws IOException {
        if (e == null || e.isJsonNull() || e.isJsonPrimitive()) {
            return;
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                walk(a.get(i), path + "[" + i + "]", source);
            }
            return;
        }
        JsonObject o = e.getAsJsonObject();
        JsonElement type = o.get("type");
        String t = type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isString() ? type.getAsString() : "";
        if (t.equals("Precompiled")) {
            checkCharsmap(o.get("precompiled_charsmap"), path + ".precompiled_charsmap", source);
        } else if (t.equals("TemplateProcessing")) {
            checkTemplate(o, path, source);
        }
        for (Map.Entry<String, JsonElement> m : o.entrySet()) {
            if (m.getValue().isJsonArray() || m.getValue().isJsonObject()) {
                walk(m.getValue(), path + "." + m.getKey(), source);
            }
        }
    }

    // ---- TemplateProcessing

    private static void checkTemplate(JsonObject o, String path, String source) throws IOException {
        JsonElement specials = o.get("special_tokens");
        if (specials == null || !specials.isJsonObject()) {
            throw bad(source, path + ".special_tokens", "must be an object of special tokens");
        }
        Set<String> defined = new HashSet<>();
        for (Map.Entry<String, JsonElement> s : specials.getAsJsonObject().entrySet()) {
            String where = path + ".special_tokens['" + s.getKey() + "']";
            if (!s.getValue().isJsonObject()) {
                throw bad(source, where, "must be an object with 'id', 'ids' and 'tokens'");
            }
            JsonObject st = s.getValue().getAsJsonObject();
            JsonElement ids = st.get("ids");
            JsonElement tokens = st.get("tokens");
            if (ids == null || !ids.isJsonArray() || tokens == null || !tokens.isJsonArray()) {
                throw bad(source, where, "needs the lists 'ids' and 'tokens'");
            }
            if (ids.getAsJsonArray().size() != tokens.getAsJsonArray().size()) {
                throw bad(source, where, "has " + ids.getAsJsonArray().size() + " ids but "
                        + tokens.getAsJsonArray().size() + " tokens");
            }
            for (JsonElement id : ids.getAsJsonArray()) {
                if (!TokenizerJson.isNonNegativeInteger(id, Integer.MAX_VALUE)) {
                    throw bad(source, where + ".ids", "must hold non-negative 32-bit integers, found " + id);
                }
            }
            defined.add(s.getKey());
        }
        for (String part : new String[] {"single", "pair"}) {
            JsonElement template = o.get(part);
            if (template == null || template.isJsonNull()) {
                continue;
            }
            if (!template.isJsonArray()) {
                throw bad(source, path + "." + part, "must be a list of template pieces");
            }
            JsonArray pieces = template.getAsJsonArray();
            for (int i = 0; i < pieces.size(); i++) {
                JsonElement piece = pieces.get(i);
                String where = path + "." + part + "[" + i + "]";
                if (!piece.isJsonObject()) {
                    throw bad(source, where, "must be a {\"Sequence\": ...} or {\"SpecialToken\": ...} object");
                }
                JsonElement special = piece.getAsJsonObject().get("SpecialToken");
                if (special == null) {
                    continue;
                }
                JsonElement id = special.isJsonObject() ? special.getAsJsonObject().get("id") : null;
                if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString()) {
                    throw bad(source, where + ".SpecialToken.id", "must be a string");
                }
                if (!defined.contains(id.getAsString())) {
                    throw bad(source, where + ".SpecialToken.id", "names the special token '" + id.getAsString()
                            + "', which " + path + ".special_tokens does not define");
                }
            }
        }
    }

    // ---- precompiled_charsmap (SentencePiece's double-array trie)

    /**
     * Checks a charsmap as the Rust normalizer reads it: a little-endian u32 byte size of the trie, the trie as u32
     * units, then the replacement strings (UTF-8, entries ended by NUL). Every trie walk over valid UTF-8 input must
     * stay inside the array, every leaf must end on a whole UTF-8 character and point at the start of a character
     * in the strings.
     */
    static void checkCharsmap(JsonElement value, String field, String source) throws IOException {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw bad(source, field, "must be a base64 string");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.getAsString());
        } catch (IllegalArgumentException e) {
            throw bad(source, field, "is not valid base64");
        }
        if (bytes.length < 4) {
            throw bad(source, field, "holds " + bytes.length + " bytes, too few for the trie size");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long trieBytes = buf.getInt(0) & 0xffffffffL;
        long units = trieBytes / 4;
        if (4 + units * 4 > bytes.length) {
            throw bad(source, field, "declares a trie of " + trieBytes + " bytes but holds only "
                    + (bytes.length - 4));
        }
        if (units == 0) {
            throw bad(source, field, "has an empty trie");
        }
        int n = (int) units;
        long[] array = new long[n];
        for (int i = 0; i < n; i++) {
            array[i] = buf.getInt(4 + 4 * i) & 0xffffffffL;
        }
        int stringsStart = 4 + 4 * n;
        byte[] strings = java.util.Arrays.copyOfRange(bytes, stringsStart, bytes.length);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(strings));
        } catch (CharacterCodingException e) {
            throw bad(source, field, "has replacement strings that are not valid UTF-8");
        }
        walkTrie(array, strings, field, source);
    }

    private static long offset(long unit) {
        return (unit >>> 10) << ((unit & (1L << 9)) >>> 6);
    }

    private static boolean hasLeaf(long unit) {
        return ((unit >>> 8) & 1) == 1;
    }

    private static long label(long unit) {
        return unit & ((1L << 31) | 0xFF);
    }

    private static long value(long unit) {
        return unit & ((1L << 31) - 1);
    }

    /** Breadth-first over (node, UTF-8 bytes still owed) states reachable from valid UTF-8 input. */
    private static void walkTrie(long[] array, byte[] strings, String field, String source) throws IOException {
        long start = offset(array[0]);
        ArrayDeque<long[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        queue.add(new long[] {start, 0});
        seen.add(start << 3);
        while (!queue.isEmpty()) {
            long[] state = queue.poll();
            long pos = state[0];
            int owed = (int) state[1];
            for (int c = 1; c < 256; c++) {
                int nextOwed;
                if (owed > 0) {
                    if (c < 0x80 || c > 0xBF) {
                        continue;
                    }
                    nextOwed = owed - 1;
                } else if (c < 0x80) {
                    nextOwed = 0;
                } else if (c >= 0xC2 && c <= 0xDF) {
                    nextOwed = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    nextOwed = 2;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    nextOwed = 3;
                } else {
                    continue;
                }
                long q = pos ^ c;
                if (q < 0 || q >= array.length) {
                    throw bad(source, field, "is damaged: its trie walks to unit " + q + " of " + array.length);
                }
                long unit = array[(int) q];
                if (label(unit) != c) {
                    continue;
                }
                long next = q ^ offset(unit);
                if (hasLeaf(unit)) {
                    if (nextOwed != 0) {
                        throw bad(source, field, "is damaged: a trie entry ends inside a UTF-8 character");
                    }
                    if (next < 0 || next >= array.length) {
                        throw bad(source, field, "is damaged: a trie leaf lies at unit " + next + " of "
                                + array.length);
                    }
                    long v = value(array[(int) next]);
                    if (v > strings.length || (v < strings.length && (strings[(int) v] & 0xC0) == 0x80)) {
                        throw bad(source, field, "is damaged: a replacement starts at byte " + v
                                + ", not at a character of its " + strings.length + " bytes of strings");
                    }
                }
                long key = (next << 3) | nextOwed;
                if (seen.add(key)) {
                    queue.add(new long[] {next, nextOwed});
                }
            }
        }
    }

    private static IOException bad(String source, String field, String what) {
        return new IOException("tokenizer " + source + ": '" + field + "' " + what);
    }
}
