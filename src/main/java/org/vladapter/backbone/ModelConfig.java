package org.vladapter.backbone;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("malformed " + file + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (NoSuchFileException ex) {
            if (required) {
                throw new IllegalArgumentException("missing " + file.getFileName() + " in model folder " + file.getParent());
            }
            return null;
        } catch (JsonSyntaxException ex) {
            throw new IllegalArgumentException("malformed JSON in " + file + ": " + ex.getMessage(), ex);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    /**
     * Builds a configuration from parsed HF JSON.
     *
     * @param c the {@code config.json} object
     * @param gen the {@code generation_config.json} object, or {@code null}
     * @param source a name for error messages
     * @return the configuration
     */
    public static ModelConfig fromJson(JsonObject c, JsonObject gen, String source) {
        ModelType type = ModelType.of(str(c, "model_type", null), source);
        GenerationDefaults g = generationDefaults(c, gen);
        if (type == ModelType.BART) {
            int d = req(c, "d_model", source);
            int heads = req(c, "encoder_attention_heads", source);
            return new ModelConfig(
                    type,
                    req(c, "vocab_size", source),
                    d,
                    req(c, "encoder_layers", source),
                    req(c, "decoder_layers", source),
                    heads,
                    integer(c, "decoder_attention_heads", heads),
                    req(c, "encoder_ffn_dim", source),
                    integer(c, "decoder_ffn_dim", integer(c, "encoder_ffn_dim", 0)),
                    d / heads,
                    integer(c, "max_position_embeddings", 1024),
                    0,
                    0,
                    real(c, "dropout", 0.1f),
                    real(c, "attention_dropout", 0f),
                    real(c, "activation_dropout", 0f),
                    str(c, "activation_function", "gelu"),
                    1e-5f,
                    bool(c, "scale_embedding", false),
                    bool(c, "tie_word_embeddings", true),
                    real(c, "init_std", 0.02f),
                    integer(c, "pad_token_id", 1),
                    integer(c, "bos_token_id", 0),
                    integer(c, "eos_token_id", 2),
                    integer(c, "decoder_start_token_id", 2),
                    integer(c, "forced_eos_token_id", -1),
                    g);
        }
        int layers = req(c, "num_layers", source);
        String proj = str(c, "feed_forward_proj", "relu");
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
        float dropout = real(c, "dropout_rate", 0.1f);
        int heads = req(c, "num_heads", source);
        int ff = req(c, "d_ff", source);
        return new ModelConfig(
                type,
                req(c, "vocab_size", source),
                req(c, "d_model", source),
                layers,
                integer(c, "num_decoder_layers", layers),
                heads,
                heads,
                ff,
                ff,
                req(c, "d_kv", source),
                0,
                integer(c, "relative_attention_num_buckets", 32),
                integer(c, "relative_attention_max_distance", 128),
                dropout,
                dropout,
                dropout,
                activation,
                real(c, "layer_norm_epsilon", 1e-6f),
                false,
                bool(c, "tie_word_embeddings", true),
                real(c, "initializer_factor", 1.0f),
                integer(c, "pad_token_id", 0),
                -1,
                integer(c, "eos_token_id", 1),
                integer(c, "decoder_start_token_id", 0),
                integer(c, "forced_eos_token_id", -1),
                g);
    }

    private static GenerationDefaults generationDefaults(JsonObject c, JsonObject gen) {
        GenerationDefaults d = GenerationDefaults.HF;
        JsonObject[] sources = gen == null ? new JsonObject[] {c} : new JsonObject[] {c, gen};
        int numBeams = d.numBeams();
        int maxLength = d.maxLength();
        int minLength = d.minLength();
        int noRepeat = d.noRepeatNgramSize();
        boolean early = d.earlyStopping();
        float lp = d.lengthPenalty();
        for (JsonObject o : sources) {
            numBeams = integer(o, "num_beams", numBeams);
            maxLength = integer(o, "max_length", maxLength);
            minLength = integer(o, "min_length", minLength);
            noRepeat = integer(o, "no_repeat_ngram_size", noRepeat);
            early = bool(o, "early_stopping", early);
            lp = real(o, "length_penalty", lp);
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

    private static int req(JsonObject o, String key, String source) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            throw new IllegalArgumentException("missing key '" + key + "' in " + source);
        }
        try {
            return o.get(key).getAsInt();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + " is not an integer: " + o.get(key));
        }
    }

    private static int integer(JsonObject o, String key, int dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : dflt;
    }

    private static float real(JsonObject o, String key, float dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsFloat() : dflt;
    }

    private static boolean bool(JsonObject o, String key, boolean dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsBoolean() : dflt;
    }

    private static String str(JsonObject o, String key, String dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : dflt;
    }
}
