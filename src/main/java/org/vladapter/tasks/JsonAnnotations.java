package org.vladapter.tasks;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import org.vladapter.io.StrictJson;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streaming readers of the annotation formats: a JSON file holding a list of objects (VQA, GQA, NLVR2), a
 * list under a key of a top-level object (Karpathy's {@code dataset_coco.json}: {@code images}), and JSON
 * lines (VALUE video annotations and subtitles). Each object is handed over with its file and line, and
 * syntax errors name the file and line. Parsing is strict ({@link StrictJson}): no single quotes, comments,
 * unquoted words or {@code NaN}, no duplicate keys.
 */
public final class JsonAnnotations {

    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private JsonAnnotations() {}

    /**
     * Reads a file whose top level is a JSON list of objects.
     *
     * @param file the file
     * @param sink receives each object
     * @throws AnnotationException when the file is missing or malformed (file and line named)
     */
    public static void readList(Path file, Consumer<JsonRecord> sink) {
        try (JsonReader reader = open(file)) {
            expect(reader, JsonToken.BEGIN_ARRAY, file, "a JSON list");
            readArray(reader, file, sink);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new AnnotationException(file + ":" + line(reader) + ": unexpected content after the JSON list");
            }
        } catch (IOException | JsonParseException e) {
            throw malformed(file, e);
        }
    }

    /**
     * Reads the list of objects under {@code key} of a top-level JSON object, skipping the other keys.
     *
     * @param file the file
     * @param key the key of the list (e.g. {@code images})
     * @param sink receives each object
     * @throws AnnotationException when the file is missing, malformed, or has no such key
     */
    public static void readListField(Path file, String key, Consumer<JsonRecord> sink) {
        try (JsonReader reader = open(file)) {
            expect(reader, JsonToken.BEGIN_OBJECT, file, "a JSON object");
            reader.beginObject();
            boolean found = false;
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals(key)) {
                    expect(reader, JsonToken.BEGIN_ARRAY, file, "a list under '" + key + "'");
                    readArray(reader, file, sink);
                    found = true;
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            if (!found) {
                throw new AnnotationException(file + ": no key '" + key + "' at the top level");
            }
        } catch (IOException | JsonParseException e) {
            throw malformed(file, e);
        }
    }

    /**
     * Reads JSON lines: one object per non-blank line.
     *
     * @param file the file
     * @param sink receives each object with its line number
     * @throws AnnotationException when the file is missing or a line is not a JSON object
     */
    public static void readLines(Path file, Consumer<JsonRecord> sink) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = in.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonElement element;
                try {
                    element = StrictJson.parse(text, file + " line " + number);
                } catch (StrictJson.JsonFileException e) {
                    throw new AnnotationException(file + ":" + number + ": malformed JSON line: " + e.detail(), e);
                }
                if (!element.isJsonObject()) {
                    throw new AnnotationException(file + ":" + number + ": expected a JSON object, found " + abbreviate(text));
                }
                sink.accept(new JsonRecord(element.getAsJsonObject(), file, number));
            }
        } catch (NoSuchFileException e) {
            throw new AnnotationException("annotation file not found: " + file, e);
        } catch (IOException e) {
            throw new AnnotationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationException("annotation file not found: " + file);
        }
        Reader in = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
        return StrictJson.reader(new BufferedReader(in, 1 << 16));
    }

    private static void readArray(JsonReader reader, Path file, Consumer<JsonRecord> sink) throws IOException {
        reader.beginArray();
        while (reader.hasNext()) {
            JsonToken token = reader.peek();
            int line = line(reader);
            if (token != JsonToken.BEGIN_OBJECT) {
                throw new AnnotationException(file + ":" + line + ": expected a JSON object in the list, found " + token);
            }
            JsonElement element = StrictJson.read(reader, file.toString());
            sink.accept(new JsonRecord(element.getAsJsonObject(), file, line));
        }
        reader.endArray();
    }

    private static void expect(JsonReader reader, JsonToken token, Path file, String what) throws IOException {
        JsonToken found = reader.peek();
        if (found != token) {
            throw new AnnotationException(file + ":" + line(reader) + ": expected " + what + ", found " + found);
        }
    }

    /** The line the reader is on, parsed from its description ("JsonReader at line 3 column 5 path $[1]"). */
    private static int line(JsonReader reader) {
        Matcher m = LINE.matcher(reader.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static AnnotationException malformed(Path file, Exception e) {
        if (e instanceof AnnotationException a) {
            return a;
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return new AnnotationException(file + ": not valid UTF-8 text", e);
        }
        if (e instanceof IOException || e instanceof JsonParseException) {
            StrictJson.JsonFileException j = StrictJson.wrap(file.toString(), e);
            Matcher at = LINE.matcher(j.detail());
            return new AnnotationException((at.find() ? file + ":" + at.group(1) : file.toString())
                    + ": malformed JSON: " + j.detail(), j);
        }
        String message = rootMessage(e);
        Matcher m = LINE.matcher(message);
        String where = m.find() ? file + ":" + m.group(1) : file.toString();
        return new AnnotationException(where + ": malformed JSON: " + message, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
