package org.vladapter.shapes.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.vladapter.io.AtomicFiles;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.SafeTensorsWriter;
import org.vladapter.shapes.text.WordVocabulary;
import org.vladapter.tokenize.TokenizerFamily;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The mini-CLIP checkpoint folder: {@code config.json}, {@code model.safetensors} (float32, parameter names as
 * {@link MiniClip#namedParameters()}), {@code tokenizer.json} (the word vocabulary of its text encoder).
 */
public final class ClipCheckpoint {

    private ClipCheckpoint() {}

    static void save(Path folder, MiniClip model, WordVocabulary vocabulary) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve("config.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(model.config().toJson()) + "\n");
        AtomicFiles.writeString(folder.resolve("tokenizer.json"), vocabulary.tokenizerJson(TokenizerFamily.BART));
        SafeTensorsWriter w = new SafeTensorsWriter();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            w.add(e.getKey(), e.getValue().getArray());
        }
        w.metadata("format", "pt");
        w.write(folder.resolve("model.safetensors"));
    }

    /**
     * Loads the frozen mini-CLIP.
     *
     * @param folder the checkpoint folder
     * @param manager owns the parameters
     * @return the model (no gradients)
     * @throws IllegalArgumentException naming the folder when a file is missing or does not fit
     */
    public static MiniClip load(Path folder, NDManager manager) {
        Path config = folder.resolve("config.json");
        Path weights = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(config) || !Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("not a mini-CLIP checkpoint folder (needs config.json and model.safetensors): " + folder);
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(config, StandardCharsets.UTF_8)).getAsJsonObject();
            MiniClip model = new MiniClip(MiniClipConfig.fromJson(json, config.toString()));
            model.initialize(manager, DataType.FLOAT32);
            try (SafeTensorsFile file = SafeTensorsFile.open(weights)) {
                for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                    if (!file.contains(e.getKey())) {
                        throw new IllegalArgumentException(weights + " lacks tensor '" + e.getKey() + "'");
                    }
                    NDArray value = file.load(e.getKey(), manager, e.getValue().getArray().getShape());
                    NDArray owned = value.duplicate();
                    value.close();
                    e.getValue().getArray().intern(owned);
                    e.getValue().getArray().setRequiresGradient(false);
                }
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mini-CLIP checkpoint " + folder + ": " + e.getMessage(), e);
        }
    }
}
