package org.vladapter.backbone;

import org.vladapter.hub.CachedModels;
import org.vladapter.hub.HubCache;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.vladapter.backbone.bart.BartModel;
import org.vladapter.backbone.t5.T5Model;
import org.vladapter.io.torch.TorchCheckpointFile;
import org.vladapter.nn.Module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * A text backbone to build VL-BART or VL-T5 from: an HF checkpoint folder ({@code config.json},
 * {@code model.safetensors} or, without one, {@code pytorch_model.bin}, {@code tokenizer.json}) or a published preset ({@code bart-base},
 * {@code t5-base}: the configuration with random weights, nothing downloaded).
 */
public final class Backbone {

    private final String id;
    private final ModelConfig config;
    private final Path folder;

    private Backbone(String id, ModelConfig config, Path folder) {
        this.id = id;
        this.config = config;
        this.folder = folder;
    }

    /**
     * @param name {@code bart-base} or {@code t5-base}
     * @return the preset backbone (random initialisation)
     */
    public static Backbone preset(String name) {
        ModelConfig c = ModelConfig.preset(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown backbone preset '" + name + "'; presets: bart-base, t5-base,"
                    + " or give an HF checkpoint folder");
        }
        return new Backbone(name, c, null);
    }

    /**
     * @param id a name for messages and records
     * @param config a configuration
     * @return a backbone of that configuration with random weights, like the presets (for benchmarks)
     */
    public static Backbone random(String id, ModelConfig config) {
        return new Backbone(id, java.util.Objects.requireNonNull(config, "config"), null);
    }

    /**
     * @param folder an HF checkpoint folder
     * @return the backbone read from it
     */
    public static Backbone fromFolder(Path folder) {
        return new Backbone(folder.toString(), ModelConfig.fromFolder(folder), folder);
    }

    /**
     * @param presetOrFolder a preset name, a folder path, or a Hub model id ({@code facebook/bart-base},
     *     {@code org/name@revision}, {@code hub:t5-base}) found in the huggingface_hub cache
     * @return the backbone
     */
    public static Backbone of(String presetOrFolder) {
        if (ModelConfig.preset(presetOrFolder) != null && !Files.isDirectory(Path.of(presetOrFolder))) {
            return preset(presetOrFolder);
        }
        return fromFolder(CachedModels.resolve(presetOrFolder, HubCache.fromEnvironment()));
    }

    /**
     * @param p residual, attention and activation dropout (VL-Adapter forces all three to its {@code --dropout})
     * @return the same backbone with these dropout rates
     */
    public Backbone withDropout(float p) {
        return new Backbone(id, config.withDropout(p), folder);
    }

    /** @return the preset name or folder path */
    public String id() {
        return id;
    }

    /** @return the configuration */
    public ModelConfig config() {
        return config;
    }

    /** @return the checkpoint folder, or {@code null} for a preset */
    public Path folder() {
        return folder;
    }

    /** @return whether pretrained weights come with this backbone */
    public boolean hasWeights() {
        return folder != null;
    }

    /** The weights file read when the folder has one: safetensors is preferred, as transformers does. */
    public static final String SAFETENSORS_FILE = "model.safetensors";

    /** The PyTorch state dict read when a folder has no {@link #SAFETENSORS_FILE}. */
    public static final String TORCH_FILE = "pytorch_model.bin";

    /**
     * @return the weights file of the folder: {@code model.safetensors}, else {@code pytorch_model.bin}
     * @throws IllegalArgumentException when the folder has neither (sharded checkpoints are named as such)
     */
    public Path weightsFile() {
        if (folder == null) {
            throw new IllegalStateException("preset " + id + " has no weights file");
        }
        Path f = folder.resolve(SAFETENSORS_FILE);
        if (Files.isRegularFile(f)) {
            return f;
        }
        Path bin = folder.resolve(TORCH_FILE);
        if (Files.isRegularFile(bin)) {
            return bin;
        }
        boolean sharded = Files.isRegularFile(folder.resolve(SAFETENSORS_FILE + ".index.json"))
                || Files.isRegularFile(folder.resolve(TORCH_FILE + ".index.json"));
        throw new IllegalArgumentException("no " + SAFETENSORS_FILE + " or " + TORCH_FILE + " in model folder " + folder
                + (sharded ? " (sharded checkpoints, *.index.json, are not read; save the model unsharded with"
                        + " save_pretrained(..., max_shard_size=\"100GB\"))" : ""));
    }

    private static boolean isTorchFile(Path weights) {
        return weights.getFileName().toString().equals(TORCH_FILE);
    }

    /**
     * A short fingerprint of the backbone: SHA-256 over the configuration and, for a folder, the
     * safetensors header (names, shapes, offsets) — or, for a {@code pytorch_model.bin}, its state dict pickle
     * (names, shapes, storage keys) — and the size of the weights file.
     *
     * @return hex digest (16 characters)
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (folder != null) {
                Path w = weightsFile();
                if (isTorchFile(w)) {
                    try (TorchCheckpointFile t = TorchCheckpointFile.open(w)) {
                        md.update(t.pickleBytes());
                    }
                } else {
                    try (InputStream in = Files.newInputStream(w)) {
                        byte[] len = in.readNBytes(8);
                        long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
                        md.update(len);
                        md.update(in.readNBytes((int) Math.min(n, 64L << 20)));
                    }
                }
                md.update(Long.toString(Files.size(w)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint " + id, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds the model, initialises it and loads the pretrained weights (if any).
     *
     * @param manager the manager that owns the parameters
     * @param hooks PEFT hooks
     * @param visualEmbedding the visual embedding for a VL model, or {@code null}
     * @param vocabSize the vocabulary size of the model (≥ the checkpoint's; extra rows keep their initialisation)
     * @return the model
     */
    public EncoderDecoder build(NDManager manager, LayerHooks hooks, Module visualEmbedding, int vocabSize) {
        ModelConfig c = config.withVocabSize(vocabSize);
        EncoderDecoder model = newModel(c, hooks, visualEmbedding);
        model.initialize(manager, DataType.FLOAT32);
        if (folder != null) {
            Set<String> required = newModel(c, LayerHooks.NONE, null).namedParameters().keySet();
            Path w = weightsFile();
            try (WeightFileSource weights = isTorchFile(w) ? WeightFileSource.torch(w) : WeightFileSource.safetensors(w)) {
                CheckpointLoader.load(model, weights, required, vocabSize > config.vocabSize());
            }
        }
        return model;
    }

    /**
     * @param manager the manager that owns the parameters
     * @return the plain text model with its weights
     */
    public EncoderDecoder build(NDManager manager) {
        return build(manager, LayerHooks.NONE, null, config.vocabSize());
    }

    /**
     * The module tree of a model, every shape known and nothing initialised or allocated: the one place
     * that picks BART or T5 from a configuration.
     *
     * @param c the configuration (its vocabulary size included)
     * @param hooks PEFT hooks
     * @param visualEmbedding the visual embedding for a VL model, or {@code null}
     * @return a {@code BartModel} or {@code T5Model}
     */
    public static EncoderDecoder newModel(ModelConfig c, LayerHooks hooks, Module visualEmbedding) {
        return c.type() == ModelType.BART ? new BartModel(c, hooks, visualEmbedding) : new T5Model(c, hooks, visualEmbedding);
    }

    @Override
    public String toString() {
        return "Backbone[" + id + ", " + config.type() + ", d=" + config.dModel() + ", vocab=" + config.vocabSize() + "]";
    }
}
