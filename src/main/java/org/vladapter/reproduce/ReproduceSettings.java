package org.vladapter.reproduce;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.vladapter.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that decides a reproduce run's numbers (benchmark, methods, backbone and its weights, data,
 * recipe, seeds), as ordered key/value strings. Saved as {@value #FILE} in the output folder; a rerun into
 * the same folder resumes only when its settings are equal, so old rows are never reported under a new
 * configuration.
 *
 * @param values setting name to value, in a fixed order
 */
public record ReproduceSettings(Map<String, String> values) {

    /** The settings file in the output folder. */
    public static final String FILE = "reproduce.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** Copies the values, keeping their order. */
    public ReproduceSettings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param other the settings found in a folder
     * @return one line per differing key, {@code key: found 'a', now 'b'}; empty when equal
     */
    public List<String> differences(ReproduceSettings other) {
        Set<String> keys = new LinkedHashSet<>(values.keySet());
        keys.addAll(other.values.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String now = values.get(k);
            String before = other.values.get(k);
            if (!java.util.Objects.equals(now, before)) {
                out.add(k + ": folder has " + quote(before) + ", this run " + quote(now));
            }
        }
        return out;
    }

    private static String quote(String s) {
        return s == null ? "(not set)" : "'" + s + "'";
    }

    /**
     * Writes {@value #FILE} atomically.
     *
     * @param dir the output folder
     */
    public void save(Path dir) {
        AtomicFiles.writeUnchecked(dir.resolve(FILE), out -> out.write(GSON.toJson(values).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param dir an output folder
     * @return the settings saved there, empty when there are none
     * @throws IllegalStateException naming the file when it is not a settings file
     */
    public static Optional<ReproduceSettings> load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> m = GSON.fromJson(Files.readString(file), new TypeToken<LinkedHashMap<String, String>>() {}.getType());
            if (m == null) {
                throw new IllegalStateException(file + " is empty");
            }
            return Optional.of(new ReproduceSettings(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalStateException(file + " is not a reproduce settings file: " + e.getMessage(), e);
        }
    }
}
