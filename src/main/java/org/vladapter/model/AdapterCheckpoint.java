package org.vladapter.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.SafeTensorsWriter;
import org.vladapter.io.AtomicDirectories;
import org.vladapter.io.LibraryVersion;
import org.vladapter.peft.MethodConfig;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Adapter-only checkpoints, as HF PEFT saves them: a folder with
 *
 * <ul>
 *   <li>{@value #WEIGHTS_FILE}: the trainable tensors only, float32, under the model's HF-style names
 *       ({@code model.encoder.layers.0.attn_adapter.adapters.vqa.down_sampler.weight}, ...);
 *   <li>{@value #CONFIG_FILE}: how the model was built ({@link VlModel#provenance()}: method, the typed method configuration
 *       ({@code method_config}, {@link MethodConfig#toJson()}, reloaded by {@link MethodConfig#fromJson}), sharing,
 *       tasks, backbone id and fingerprint, seed, library version, feature dimension, vocabulary size) and the
 *       list of saved tensors with their shapes.
 * </ul>
 *
 * <p>Both files are written into a hidden temporary folder that is renamed into place
 * ({@link AtomicDirectories#replaceDirectory}), so a crash never leaves half a checkpoint; the config is written
 * last and marks the folder complete.
 *
 * <p><b>What makes a load exact.</b> Frozen parameters are not saved: they come from the backbone (checked
 * by its fingerprint) or, for rows no checkpoint supplies (the added VL vocabulary rows whose
 * {@code <vis_extra_id>} embeddings encode the visual object order; every parameter of a preset backbone),
 * from the seeded initialisation. The config records a SHA-256 of the frozen added vocabulary rows and, for
 * a preset backbone, the seed; {@link #load} refuses a model whose frozen state would differ, so a
 * successful load reproduces the saved model's outputs bit for bit.
 */
public final class AdapterCheckpoint {

    /** The tensors file. */
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";

    /** The configuration file (written last: marks the folder complete). */
    public static final String CONFIG_FILE = "adapter_config.json";

    /** Value of the config's {@code format} key. */
    public static final String FORMAT = "vladapter-adapter-checkpoint";

    /**
     * Version 2: the method configuration is stored typed ({@code method_config}, {@link MethodConfig#toJson()});
     * version 1 stored an untyped option map and is refused.
     */
    private static final int FORMAT_VERSION = 2;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    /** Fields that must be equal in the checkpoint and the model, in the order they are reported. */
    private static final List<String> MATCHED_FIELDS = List.of("backbone_fingerprint", "model_type", "method", "sharing",
            "method_config", "tasks", "feature_dim", "vocab_size", "unfreeze_t5_layer_norms");

    private AdapterCheckpoint() {}

    /**
     * Saves the model's trainable tensors and configuration, replacing the folder if it exists.
     *
     * @param model the model
     * @param dir the checkpoint folder
     * @return the saved tensors' names, in model order
     * @throws UncheckedIOException naming the folder when writing fails (an existing checkpoint then stays)
     */
    public static List<String> save(VlModel model, Path dir) {
        Map<String, Parameter> trainable = model.trainableParameters();
        JsonObject config = GSON.toJsonTree(model.provenance()).getAsJsonObject();
        config.addProperty("format", FORMAT);
        config.addProperty("format_version", FORMAT_VERSION);
        String rows = frozenAddedRowsDigest(model);
        if (rows != null) {
            config.addProperty("frozen_added_rows_sha256", rows);
        }
        JsonArray tensors = new JsonArray();
        long total = 0;
        SafeTensorsWriter writer = new SafeTensorsWriter().metadata("format", "pt")
                .metadata("producer", "vladapter " + LibraryVersion.get());
        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            NDArray a = e.getValue().getArray();
            writer.add(e.getKey(), a);
            JsonObject t = new JsonObject();
            t.addProperty("name", e.getKey());
            t.add("shape", GSON.toJsonTree(a.getShape().getShape()));
            tensors.add(t);
            total += a.size();
        }
        config.addProperty("trainable_params", total);
        config.add("tensors", tensors);
        AtomicDirectories.replaceDirectory(dir, CONFIG_FILE, tmp -> {
            writer.write(tmp.resolve(WEIGHTS_FILE));
            Files.writeString(tmp.resolve(CONFIG_FILE), GSON.toJson(config) + "\n", StandardCharsets.UTF_8);
        });
        return new ArrayList<>(trainable.keySet());
    }

    /**
     * Loads a checkpoint into a model built the same way (same backbone, method, options, tasks, feature
     * dimension), e.g. a fresh {@code VlAdapter.builder()...build()}. Checks everything before changing a value.
     *
     * @param model the model
     * @param dir the checkpoint folder
     * @throws IllegalArgumentException naming the field and both values when the model was built differently;
     *     naming the tensor, file and expected vs found shape when a tensor is missing, unknown or misshapen
     * @throws UncheckedIOException when the files cannot be read
     */
    public static void load(VlModel model, Path dir) {
        dir = complete(dir);
        Path configFile = dir.resolve(CONFIG_FILE);
        JsonObject saved = readConfig(dir);
        JsonObject current = GSON.toJsonTree(model.provenance()).getAsJsonObject();
        List<String> differences = new ArrayList<>();
        List<String> fields = new ArrayList<>(MATCHED_FIELDS);
        if (!model.backbone().hasWeights()) {
            fields.add("seed"); // a preset backbone is initialised from the seed alone
        }
        for (String field : fields) {
            JsonElement a = saved.get(field);
            JsonElement b = current.get(field);
            if (!Objects.equals(normalise(a), normalise(b))) {
                differences.add(field + ": checkpoint " + a + ", model " + b);
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("adapter checkpoint " + configFile + " does not fit this model ("
                    + model + "): " + String.join("; ", differences));
        }
        String savedRows = saved.has("frozen_added_rows_sha256") ? saved.get("frozen_added_rows_sha256").getAsString() : null;
        String rows = frozenAddedRowsDigest(model);
        if (!Objects.equals(savedRows, rows)) {
            throw new IllegalArgumentException("adapter checkpoint " + configFile + ": the frozen added vocabulary rows"
                    + " (visual object-order embeddings) differ from the ones the adapters were trained with (SHA-256 "
                    + savedRows + " in the checkpoint, " + rows + " in the model); build the model with seed "
                    + saved.get("seed") + " (model: " + current.get("seed") + ")");
        }
        Path weights = dir.resolve(WEIGHTS_FILE);
        Map<String, Parameter> trainable = model.trainableParameters();
        try (SafeTensorsFile file = SafeTensorsFile.open(weights)) {
            List<String> unknown = new ArrayList<>();
            for (String name : file.names()) {
                if (!trainable.containsKey(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("tensor(s) in " + weights + " that this model does not train: "
                        + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                        + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : ""));
            }
            for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                if (!file.contains(e.getKey())) {
                    throw new IllegalArgumentException("tensor '" + e.getKey() + "' missing from " + weights
                            + " (the model trains it, expected shape " + e.getValue().getArray().getShape() + "; the file has "
                            + file.names().size() + " tensors)");
                }
                file.checkShape(e.getKey(), e.getValue().getArray().getShape());
            }
            try (org.vladapter.nn.NoGradient noGradient = org.vladapter.nn.NoGradient.open()) {
                for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                    // copied into the parameter's own storage (a loaded array may view a Java buffer freed with it)
                    e.getValue().getArray().set(FloatBuffer.wrap(file.readFloats(e.getKey())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read adapter weights " + weights + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint's configuration.
     *
     * @param dir the checkpoint folder
     * @return the parsed {@value #CONFIG_FILE}
     * @throws IllegalArgumentException when the folder has no config, or it is not an adapter checkpoint config
     */
    public static JsonObject readConfig(Path dir) {
        Path file = complete(dir).resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + CONFIG_FILE + " in " + dir + ": not an adapter checkpoint"
                    + (Files.isRegularFile(dir.resolve("config.json")) ? " (it looks like an HF model folder)" : ""));
        }
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("format")
                    || !FORMAT.equals(parsed.getAsJsonObject().get("format").getAsString())) {
                throw new IllegalArgumentException(file + " is not an adapter checkpoint config (key \"format\" must be \""
                        + FORMAT + "\")");
            }
            JsonObject c = parsed.getAsJsonObject();
            int version = c.has("format_version") ? c.get("format_version").getAsInt() : -1;
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException(file + ": format_version " + version + " is not supported (this is "
                        + "library " + LibraryVersion.get() + ", format " + FORMAT_VERSION + ")"
                        + (version == 1 ? "; version 1 checkpoints stored the method options untyped and cannot be rebuilt"
                                + " exactly: save the adapter again with this library" : ""));
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("malformed JSON in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists what a checkpoint holds, from the tensors file itself.
     *
     * @param dir the checkpoint folder
     * @return a table (name, shape, numel) and a text rendering with the recorded method, tasks and backbone
     * @throws IllegalArgumentException / UncheckedIOException when the folder is not a readable checkpoint
     */
    public static Listing list(Path dir) {
        dir = complete(dir);
        JsonObject config = readConfig(dir);
        Path weights = dir.resolve(WEIGHTS_FILE);
        StringColumn names = StringColumn.create("name");
        StringColumn shapes = StringColumn.create("shape");
        LongColumn numels = LongColumn.create("numel");
        long total = 0;
        try (SafeTensorsFile file = SafeTensorsFile.open(weights)) {
            for (String name : file.names()) {
                Shape shape = file.shape(name);
                names.append(name);
                shapes.append(shape.toString());
                numels.append(shape.size());
                total += shape.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read adapter weights " + weights + ": " + e.getMessage(), e);
        }
        Table table = Table.create("adapter checkpoint " + dir.getFileName(), names, shapes, numels);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s: %s%s on %s (%s), tasks %s, feature dim %s, seed %s, library %s%n",
                dir, string(config, "method", dir.toString()),
                config.has("sharing") && !config.get("sharing").isJsonNull() ? " / " + config.get("sharing").getAsString() : "",
                string(config, "backbone", dir.toString()), config.get("backbone_fingerprint").getAsString(),
                config.get("tasks"), config.get("feature_dim"), config.get("seed"), config.get("library_version")));
        text.append(String.format(Locale.ROOT, "%d tensors, %,d parameters%n", names.size(), total));
        text.append(table.printAll()).append(System.lineSeparator());
        return new Listing(table, text.toString(), total);
    }

    /**
     * What {@link #list} found.
     *
     * @param table one row per tensor: name, shape, numel
     * @param text a human-readable rendering (header lines and the table)
     * @param parameters the number of saved elements
     */
    public record Listing(Table table, String text, long parameters) {}

    /**
     * The folder to read: {@code dir} itself, or the complete previous checkpoint a save left aside when it
     * died between its two renames ({@link AtomicDirectories#readableDirectory}).
     */
    private static Path complete(Path dir) {
        return AtomicDirectories.readableDirectory(dir, CONFIG_FILE).orElse(dir);
    }

    /** A required string field of a config, with the file in the message when it is missing. */
    static String string(JsonObject config, String key, String where) {
        JsonElement e = config.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("key \"" + key + "\" missing in " + where);
        }
        return e.getAsString();
    }

    /** JSON values compared by meaning: numbers by value (8 equals 8.0), everything else as is. */
    private static Object normalise(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsDouble();
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(), normalise(x.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> l.add(normalise(x)));
            return l;
        }
        return e.getAsString();
    }

    /**
     * SHA-256 of the rows of the shared token embedding that the backbone's vocabulary does not have (the
     * VL tokens), when they are frozen; {@code null} when there are none or they train (then they are saved).
     */
    private static String frozenAddedRowsDigest(VlModel model) {
        Parameter shared = model.encoderDecoder().sharedEmbedding();
        long backboneRows = model.backbone().config().vocabSize();
        long rows = shared.getArray().getShape().get(0);
        if (rows <= backboneRows || shared.requiresGradient()) {
            return null;
        }
        NDArray added = shared.getArray().get(backboneRows + ":");
        try {
            ByteBuffer bytes = added.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            added.close();
        }
    }
}
