package org.vladapter.backbone;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.vladapter.io.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The hyper-parameters of a BART or T5 checkpoint, read from an HF {@code config.json} (and
 * {@code generation_config.json} when present), or one of the published presets.
 *
 * <p>Field names follow BART's config; T5's are mapped onto them ({@code num_layers} →
 * {@code encoderLayers}, {@code d_ff} → {@code encoderFfnDim}, {@code dropout_rate} → {@code dropout}...).
 *
 * @param type BART or T5
 * @param vocabSize rows of the shared embedding
 * @param dModel hidden size
 * @param encoderLayers encoder layers
 * @param decoderLayers decoder layers
 * @param encoderHeads encoder attention heads
 * @param decoderHeads decoder attention heads
 * @param encoderFfnDim encoder FFN inner size
 * @param decoderFfnDim decoder FFN inner size
 * @param dKv per-head size (T5 {@code d_kv}; BART d_model/heads)
 * @param maxPositions BART learned positions (without the offset of 2); unused by T5
 * @param relativeBuckets T5 relative attention buckets
 * @param relativeMaxDistance T5 relative attention max distance
 * @param dropout residual dropout
 * @param attentionDropout dropout on attention probabilities (T5: same as dropout)
 * @param activationDropout dropout after the FFN activation (T5: same as dropout)
 * @param activation {@code gelu}, {@code relu} or {@code gated-gelu}
 * @param layerNormEps layer norm epsilon (BART 1e-5, T5 1e-6)
 * @param scaleEmbedding BART {@code scale_embedding} (multiply embeddings by sqrt(d))
 * @param tieWordEmbeddings whether the LM head is the shared embedding
 * @param initStd BART {@code init_std} / T5 {@code initializer_factor}
 * @param padId padding id
 * @param bosId beginning-of-sequence id (-1 if none)
 * @param eosId end-of-sequence id
 * @param decoderStartId decoder start id
 * @param forcedEosId forced end id at the maximum length (-1 if none)
 * @param generation the generation defaults of the checkpoint
 */
public record ModelConfig(
        ModelType type,
        int vocabSize,
        int dModel,
        int encoderLayers,
        int decoderLayers,
        int encoderHeads,
        int decoderHeads,
        int encoderFfnDim,
        int decoderFfnDim,
        int dKv,
        int maxPositions,
        int relativeBuckets,
        int relativeMaxDistance,
        float dropout,
        float attentionDropout,
        float activationDropout,
        String activation,
        float layerNormEps,
        boolean scaleEmbedding,
        boolean tieWordEmbeddings,
        float initStd,
        long padId,
        long bosId,
        long eosId,
        long decoderStartId,
        long forcedEosId,
        GenerationDefaults generation) {

    /**
     * Generation defaults that a checkpoint's configs carry (HF {@code generate} reads them).
     *
     * @param numBeams beams
     * @param maxLength maximum total length including the start token
     * @param minLength minimum length
     * @param noRepeatNgramSize n-gram blocking size (0 = off)
     * @param earlyStopping beam search early stopping
     * @param lengthPenalty beam length penalty exponent
     */
    public record GenerationDefaults(
            int numBeams, int maxLength, int minLength, int noRepeatNgramSize, boolean earlyStopping, float lengthPenalty) {

        /** HF's defaults when a config sets nothing. */
        public static final GenerationDefaults HF = new GenerationDefaults(1, 20, 0, 0, false, 1.0f);
    }

    /**
     * Reads {@code config.json} (and {@code generation_config.json} if present) from an HF model folder.
     *
     * @param folder the checkpoint folder
     * @return the configuration
     * @throws IllegalArgumentException when the folder or config is missing or invalid, naming the path
     */
    public static ModelConfig fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("model folder not found: " + folder);
        }
        Path configFile = folder.resolve("config.json");
        JsonObject json = readJson(configFile, true);
        JsonObject gen = readJson(folder.resolve("generation_config.json"), false);
        return fromJson(json, gen, configFile.toString());
    }

    private static JsonObject readJson(Path file, boolean required) {
        try {
            JsonElement e = StrictJson.parse(file);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(file + " must hold a JSON object, found " + ConfigValues.show(e));
            }
            return e.getAsJsonObject();
        } catch (NoSuchFileException ex) {
            if (required) {
                throw new IllegalArgumentException("missing " + file.getFileName() + " in model folder " + file.getParent());
            }
            return null;
        } catch (StrictJson.JsonFileException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Sizes above these are refused before anything is allocated (the largest T5/BART checkpoints fit). */
    static final int MAX_VOCAB = 1 << 22;
    static final int MAX_D_MODEL = 16_384;
    static final int MAX_LAYERS = 128;
    static final int MAX_HEADS = 1_024;
    static final int MAX_FFN = 131_072;
    static final int MAX_POSITIONS = 65_536;
    static final int MAX_GENERATION_LENGTH = 65_536;
    /** The most parameters a configuration may describe (T5-11B has 11.3 billion). */
    static final double MAX_PARAMETERS = 16e9;

    /**
     * Builds a configuration from parsed HF JSON, strictly: exact integers, sizes and ids in range, heads dividing
     * {@code d_model} (BART), positive epsilon and relative-attention parameters, dropout in [0, 1), and the total
     * parameter count bounded before any model is built.
     *
     * @param c the {@code config.json} object
     * @param gen the {@code generation_config.json} object, or {@code null}
     * @param source a name for error messages
     * @return the configuration
     * @throws IllegalArgumentException naming the source and key of the first invalid value
     */
    public static ModelConfig fromJson(JsonObject c, JsonObject gen, String source) {
        ConfigValues v = new ConfigValues(c, source);
        ModelType type = ModelType.of(v.string("model_type", null), source);
        GenerationDefaults g = generationDefaults(c, gen, source);
        ModelConfig config;
        if (type == ModelType.BART) {
            int d = v.required("d_model", 1, MAX_D_MODEL);
            int heads = v.required("encoder_attention_heads", 1, MAX_HEADS);
            int decoderHeads = v.integer("decoder_attention_heads", heads, 1, MAX_HEADS);
            if (d % heads != 0 || d % decoderHeads != 0) {
                throw new IllegalArgumentException("d_model " + d + " in " + source + " is not divisible by the"
                        + " attention heads (encoder_attention_heads " + heads + ", decoder_attention_heads "
                        + decoderHeads + ")");
            }
            int ffn = v.required("encoder_ffn_dim", 1, MAX_FFN);
            int vocab = v.required("vocab_size", 1, MAX_VOCAB);
            config = new ModelConfig(
                    type,
                    vocab,
                    d,
                    v.required("encoder_layers", 1, MAX_LAYERS),
                    v.required("decoder_layers", 1, MAX_LAYERS),
                    heads,
                    decoderHeads,
                    ffn,
                    v.integer("decoder_ffn_dim", ffn, 1, MAX_FFN),
                    d / heads,
                    v.integer("max_position_embeddings", 1024, 1, MAX_POSITIONS),
                    0,
                    0,
                    dropout(v, "dropout", 0.1f),
                    dropout(v, "attention_dropout", 0f),
                    dropout(v, "activation_dropout", 0f),
                    v.string("activation_function", "gelu"),
                    1e-5f,
                    v.bool("scale_embedding", false),
                    v.bool("tie_word_embeddings", true),
                    v.real("init_std", 0.02f, 0, true, 10, false),
                    tokenId(v, "pad_token_id", 1, vocab, false),
                    tokenId(v, "bos_token_id", 0, vocab, false),
                    tokenId(v, "eos_token_id", 2, vocab, false),
                    tokenId(v, "decoder_start_token_id", 2, vocab, false),
                    tokenId(v, "forced_eos_token_id", -1, vocab, true),
                    g);
            if (!java.util.Set.of("gelu", "gelu_new", "relu").contains(config.activation())) {
                throw new IllegalArgumentException("unsupported activation_function '" + config.activation() + "' in "
                        + source + "; supported: gelu, gelu_new, relu");
            }
        } else {
            int layers = v.required("num_layers", 1, MAX_LAYERS);
            String proj = v.string("feed_forward_proj", "relu");
            String activation;
            switch (proj) {
                case "relu":
                    activation = "relu";
                    break;
                case "gated-gelu":
                    activation = "gated-gelu";
                    break;
                default:
                    throw new IllegalArgumentException(
                            "unsupported feed_forward_proj '" + proj + "' in " + source + "; supported: relu, gated-gelu");
            }
            float dropout = dropout(v, "dropout_rate", 0.1f);
            int heads = v.required("num_heads", 1, MAX_HEADS);
            int ff = v.required("d_ff", 1, MAX_FFN);
            int vocab = v.required("vocab_size", 1, MAX_VOCAB);
            int dKv = v.required("d_kv", 1, MAX_D_MODEL);
            if ((long) heads * dKv > MAX_D_MODEL) {
                throw new IllegalArgumentException("num_heads " + heads + " × d_kv " + dKv + " in " + source
                        + " exceeds the supported inner size " + MAX_D_MODEL);
            }
            config = new ModelConfig(
                    type,
                    vocab,
                    v.required("d_model", 1, MAX_D_MODEL),
                    layers,
                    v.integer("num_decoder_layers", layers, 1, MAX_LAYERS),
                    heads,
                    heads,
                    ff,
                    ff,
                    dKv,
                    0,
                    v.integer("relative_attention_num_buckets", 32, 2, 4096),
                    v.integer("relative_attention_max_distance", 128, 1, 1 << 20),
                    dropout,
                    dropout,
                    dropout,
                    activation,
                    v.real("layer_norm_epsilon", 1e-6f, 0, true, 1, false),
                    false,
                    v.bool("tie_word_embeddings", true),
                    v.real("initializer_factor", 1.0f, 0, true, 100, false),
                    tokenId(v, "pad_token_id", 0, vocab, false),
                    -1,
                    tokenId(v, "eos_token_id", 1, vocab, false),
                    tokenId(v, "decoder_start_token_id", 0, vocab, false),
                    tokenId(v, "forced_eos_token_id", -1, vocab, true),
                    g);
        }
        double params = config.estimatedParameters();
        if (params > MAX_PARAMETERS) {
            throw new IllegalArgumentException("the sizes in " + source + " describe about "
                    + String.format(java.util.Locale.ROOT, "%.3g", params) + " parameters, more than the supported "
                    + String.format(java.util.Locale.ROOT, "%.3g", MAX_PARAMETERS));
        }
        return config;
    }

    /** An approximate parameter count from the sizes alone (embedding, attention and FFN matrices). */
    double estimatedParameters() {
        double d = dModel;
        double inner = (double) encoderHeads * dKv;
        double embed = (double) vocabSize * d * (tieWordEmbeddings ? 1 : 2) + (double) maxPositions * d * 2;
        double encoder = encoderLayers * (4 * d * inner + 3 * d * encoderFfnDim);
        double decoder = decoderLayers * (8 * d * inner + 3 * d * decoderFfnDim);
        return embed + encoder + decoder;
    }

    private static float dropout(ConfigValues v, String key, float dflt) {
        return v.real(key, dflt, 0, false, 1, true);
    }

    private static long tokenId(ConfigValues v, String key, int dflt, int vocab, boolean noneAllowed) {
        return v.integer(key, dflt, noneAllowed ? -1 : 0, vocab - 1);
    }

    private static GenerationDefaults generationDefaults(JsonObject c, JsonObject gen, String source) {
        GenerationDefaults d = GenerationDefaults.HF;
        int numBeams = d.numBeams();
        int maxLength = d.maxLength();
        int minLength = d.minLength();
        int noRepeat = d.noRepeatNgramSize();
        boolean early = d.earlyStopping();
        float lp = d.lengthPenalty();
        ConfigValues[] sources = gen == null ? new ConfigValues[] {new ConfigValues(c, source)}
                : new ConfigValues[] {new ConfigValues(c, source), new ConfigValues(gen, "generation_config.json"
                        + " beside " + source)};
        for (ConfigValues o : sources) {
            numBeams = o.integer("num_beams", numBeams, 1, 1024);
            maxLength = o.integer("max_length", maxLength, 1, MAX_GENERATION_LENGTH);
            minLength = o.integer("min_length", minLength, 0, MAX_GENERATION_LENGTH);
            noRepeat = o.integer("no_repeat_ngram_size", noRepeat, 0, MAX_GENERATION_LENGTH);
            early = o.bool("early_stopping", early);
            lp = o.real("length_penalty", lp, -1e6, false, 1e6, false);
        }
        return new GenerationDefaults(numBeams, maxLength, minLength, noRepeat, early, lp);
    }

    /**
     * The published {@code facebook/bart-base} configuration (no weights), as its HF config sets it,
     * including its generation defaults (beam 4, no_repeat_ngram_size 3, early stopping, forced EOS).
     *
     * @return the configuration
     */
    public static ModelConfig bartBase() {
        return new ModelConfig(ModelType.BART, 50265, 768, 6, 6, 12, 12, 3072, 3072, 64, 1024, 0, 0,
                0.1f, 0.1f, 0.1f, "gelu", 1e-5f, false, true, 0.02f, 1, 0, 2, 2, 2,
                new GenerationDefaults(4, 20, 0, 3, true, 1.0f));
    }

    /**
     * The published {@code t5-base} configuration (no weights).
     *
     * @return the configuration
     */
    public static ModelConfig t5Base() {
        return new ModelConfig(ModelType.T5, 32128, 768, 12, 12, 12, 12, 3072, 3072, 64, 0, 32, 128,
                0.1f, 0.1f, 0.1f, "relu", 1e-6f, false, true, 1.0f, 0, -1, 1, 0, -1, GenerationDefaults.HF);
    }

    /**
     * @param name {@code bart-base}, {@code t5-base} (also {@code facebook/bart-base})
     * @return the preset, or {@code null} when the name is not a preset
     */
    public static ModelConfig preset(String name) {
        switch (name) {
            case "bart-base":
            case "facebook/bart-base":
                return bartBase();
            case "t5-base":
            case "google-t5/t5-base":
                return t5Base();
            default:
                return null;
        }
    }

    /**
     * @param newVocabSize the vocabulary size after adding tokens
     * @return a copy with another vocabulary size
     */
    public ModelConfig withVocabSize(int newVocabSize) {
        return new ModelConfig(type, newVocabSize, dModel, encoderLayers, decoderLayers, encoderHeads, decoderHeads,
                encoderFfnDim, decoderFfnDim, dKv, maxPositions, relativeBuckets, relativeMaxDistance, dropout,
                attentionDropout, activationDropout, activation, layerNormEps, scaleEmbedding, tieWordEmbeddings,
                initStd, padId, bosId, eosId, decoderStartId, forcedEosId, generation);
    }

    /**
     * @param p residual dropout; attention and activation dropout are set to the same value, as
     *     VL-Adapter forces all three to {@code --dropout}
     * @return a copy with other dropout rates
     */
    public ModelConfig withDropout(float p) {
        return new ModelConfig(type, vocabSize, dModel, encoderLayers, decoderLayers, encoderHeads, decoderHeads,
                encoderFfnDim, decoderFfnDim, dKv, maxPositions, relativeBuckets, relativeMaxDistance, p, p, p,
                activation, layerNormEps, scaleEmbedding, tieWordEmbeddings, initStd, padId, bosId, eosId,
                decoderStartId, forcedEosId, generation);
    }
}
