package org.vladapter.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON parser for files whose format is RFC 8259 JSON (HF configs and tokenizers, annotation and prediction
 * files), stricter than Gson's tree parser: no single quotes, comments, unquoted strings or {@code NaN} /
 * {@code Infinity} literals, no duplicate keys in an object, numbers only as JSON spells them, strict UTF-8, nesting at
 * most {@value #MAX_DEPTH} levels (deeper values are refused before the stack is at risk), and nothing after the
 * top-level value. Every error is one sentence with the file, line and column.
 */
public final class StrictJson {

    /** The deepest nesting of lists and objects accepted. */
    public static final int MAX_DEPTH = 200;

    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private StrictJson() {}

    /**
     * Parses a whole file.
     *
     * @param file the file
     * @return the top-level value
     * @throws NoSuchFileException when the file does not exist
     * @throws JsonFileException when the file is not strict JSON (message names the file and position)
     * @throws IOException when the file cannot be read
     */
    public static JsonElement parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonFileException(file.toString(), "", "the file is not valid UTF-8 text", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a document held in memory.
     *
     * @param text the JSON text
     * @param source the file or name, for messages
     * @return the top-level value
     * @throws JsonFileException when the text is not strict JSON
     */
    public static JsonElement parse(String text, String source) throws JsonFileException {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        try (JsonReader reader = reader(new StringReader(text))) {
            JsonElement value = read(reader, source);
            boolean trailing;
            try {
                trailing = reader.peek() != JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                trailing = true;
            }
            if (trailing) {
                throw error(source, reader, "unexpected text after the JSON value");
            }
            return value;
        } catch (JsonFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw wrap(source, e);
        }
    }

    /**
     * @param in the characters
     * @return a reader set to strict JSON
     */
    public static JsonReader reader(Reader in) {
        JsonReader reader = new JsonReader(in);
        reader.setStrictness(Strictness.STRICT);
        return reader;
    }

    /**
     * Reads the next value of a strict reader (see {@link #reader}), for streaming a large list element by element.
     *
     * @param reader a reader made by {@link #reader}
     * @param source the file, for messages
     * @return the value
     * @throws JsonFileException on a syntax error, a duplicate key, a non-finite number or too deep nesting
     */
    public static JsonElement read(JsonReader reader, String source) throws JsonFileException {
        try {
            return value(reader, source, 0);
        } catch (JsonFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw wrap(source, e);
        }
    }

    private static JsonElement value(JsonReader reader, String source, int depth) throws IOException {
        JsonToken token = reader.peek();
        switch (token) {
            case BEGIN_ARRAY: {
                checkDepth(reader, source, depth);
                reader.beginArray();
                JsonArray array = new JsonArray();
                while (reader.hasNext()) {
                    array.add(value(reader, source, depth + 1));
                }
                reader.endArray();
                return array;
            }
            case BEGIN_OBJECT: {
                checkDepth(reader, source, depth);
                reader.beginObject();
                JsonObject object = new JsonObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    if (object.has(key)) {
                        throw error(source, reader, "key '" + abbreviate(key) + "' appears twice in one object");
                    }
                    object.add(key, value(reader, source, depth + 1));
                }
                reader.endObject();
                return object;
            }
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER: {
                String text = reader.nextString();
                BigDecimal exact;
                try {
                    exact = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw error(source, reader, "'" + abbreviate(text) + "' is not a JSON number");
                }
                return new JsonPrimitive(new JsonNumber(text, exact));
            }
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw error(source, reader, "expected a JSON value, found " + token);
        }
    }

    private static void checkDepth(JsonReader reader, String source, int depth) throws JsonFileException {
        if (depth >= MAX_DEPTH) {
            throw error(source, reader, "lists and objects are nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    /**
     * @param source the file
     * @param reader the reader, for its position
     * @param what what is wrong
     * @return the exception {@code SOURCE: line L column C: WHAT}
     */
    public static JsonFileException error(String source, JsonReader reader, String what) {
        Matcher m = POSITION.matcher(reader.toString());
        String where = m.find() ? " at line " + m.group(1) + " column " + m.group(2) : "";
        return new JsonFileException(source, where, what, null);
    }

    /**
     * Turns an error of a strict {@link JsonReader} (for callers that stream with it) into one sentence.
     *
     * @param source the file
     * @param e the reader's exception
     * @return the exception {@code invalid JSON in SOURCE at line L column C: WHAT}
     */
    public static JsonFileException wrap(String source, Exception e) {
        if (e instanceof JsonFileException j) {
            return j;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = POSITION.matcher(message);
        String where = m.find() ? " at line " + m.group(1) + " column " + m.group(2) : "";
        String what;
        if (e instanceof java.io.EOFException || message.contains("End of input")) {
            what = "the text ends before the JSON value is complete (truncated file?)";
        } else if (message.contains("setStrictness") || message.contains("setLenient")) {
            what = "not strict JSON (single quotes, comments, unquoted words, NaN/Infinity and trailing commas are"
                    + " not allowed)";
        } else if (e instanceof MalformedJsonException) {
            what = firstSentence(message.replaceAll(" at line \\d+ column \\d+.*", "").replaceAll(" at path .*", ""))
                    .toLowerCase(java.util.Locale.ROOT);
        } else if (e instanceof IllegalStateException) {
            what = "unexpected token (" + firstSentence(message) + ")";
        } else {
            what = firstSentence(message);
        }
        return new JsonFileException(source, where, what, e);
    }

    private static String firstSentence(String message) {
        int cut = message.indexOf("\nSee ");
        String s = cut >= 0 ? message.substring(0, cut) : message;
        s = s.replaceAll("\\s+", " ").trim();
        return abbreviate(s);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A JSON file that is not strict JSON; the message names the file and the position. */
    public static final class JsonFileException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String position;
        private final String what;

        JsonFileException(String source, String position, String what, Throwable cause) {
            super("invalid JSON in " + source + position + ": " + what, cause);
            this.position = position;
            this.what = what;
        }

        /** @return what is wrong with the position, without the file: {@code at line L column C: WHAT} */
        public String detail() {
            return (position.isEmpty() ? "" : position.substring(1) + ": ") + what;
        }
    }

    /** A JSON number keeping its exact text (so ids print as written) with its exact value. */
    static final class JsonNumber extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;
        private final BigDecimal exact;

        JsonNumber(String text, BigDecimal exact) {
            this.text = text;
            this.exact = exact;
        }

        @Override
        public int intValue() {
            return exact.intValue();
        }

        @Override
        public long longValue() {
            return exact.longValue();
        }

        @Override
        public float floatValue() {
            return exact.floatValue();
        }

        @Override
        public double doubleValue() {
            return exact.doubleValue();
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNumber n && n.exact.compareTo(exact) == 0;
        }

        @Override
        public int hashCode() {
            return exact.stripTrailingZeros().hashCode();
        }
    }

    /**
     * The exact value of a JSON number.
     *
     * @param e a number primitive
     * @return its exact decimal value
     */
    public static BigDecimal exact(JsonPrimitive e) {
        Number n = e.getAsNumber();
        if (n instanceof JsonNumber j) {
            return j.exact;
        }
        return new BigDecimal(e.getAsString());
    }
}
