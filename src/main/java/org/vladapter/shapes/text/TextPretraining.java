package org.vladapter.shapes.text;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.bart.BartModel;
import org.vladapter.backbone.t5.T5Model;
import org.vladapter.io.AtomicFiles;
import org.vladapter.io.SafeTensorsWriter;
import org.vladapter.nn.Buffer;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Losses;
import org.vladapter.tokenize.TokenizerFamily;
import org.vladapter.tokenize.VlTokenizer;
import org.vladapter.train.AdamW;
import org.vladapter.train.GradientClipping;
import org.vladapter.train.LinearWarmupSchedule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Pretrains a small BART (text infilling) or T5 (span corruption) on ShapesWorld text and saves it in HF layout:
 * {@code config.json} (the keys HF's BartConfig / T5Config use), {@code model.safetensors} (HF parameter names),
 * {@code tokenizer.json} ({@link WordVocabulary}). The folder then loads through {@code Backbone.fromFolder} like
 * facebook/bart-base or t5-base, and {@code VlTokenizer} adds the VL tokens to it the same way.
 *
 * <p>Sizes: d_model 128, 2 encoder and 2 decoder layers, 4 heads, FFN 256 (BART GELU, T5 ReLU), 512 BART
 * positions (T5: 32 relative buckets up to distance 128).
 */
public final class TextPretraining {

    /** d_model of the small backbones. */
    public static final int D_MODEL = 128;

    /**
     * What a run measured.
     *
     * @param steps optimisation steps
     * @param lossBefore held-out denoising loss of the initialised model
     * @param lossAfter held-out loss after pretraining
     * @param seconds wall time of the training
     */
    public record Result(int steps, double lossBefore, double lossAfter, double seconds) {}

    private final TokenizerFamily family;
    private final long seed;
    private final int steps;
    private final int batchSize;
    private final PrintStream log;

    /**
     * @param family {@code bart} or {@code t5}
     * @param seed seed of initialisation, corruption and batches
     * @param steps optimisation steps
     * @param batchSize sentences per batch
     * @param log where progress lines go
     */
    public TextPretraining(String family, long seed, int steps, int batchSize, PrintStream log) {
        this.family = TokenizerFamily.fromName(family);
        this.seed = seed;
        this.steps = steps;
        this.batchSize = batchSize;
        this.log = log;
    }

    /**
     * @param vocabulary the word vocabulary
     * @param vocabSize the model's vocabulary size (the tokenizer's, before VL tokens)
     * @return the HF {@code config.json} of the small model
     */
    public JsonObject config(WordVocabulary vocabulary, int vocabSize) {
        JsonObject c = new JsonObject();
        if (family == TokenizerFamily.BART) {
            c.addProperty("model_type", "bart");
            com.google.gson.JsonArray arch = new com.google.gson.JsonArray();
            arch.add("BartForConditionalGeneration");
            c.add("architectures", arch);
            c.addProperty("vocab_size", vocabSize);
            c.addProperty("d_model", D_MODEL);
            c.addProperty("encoder_layers", 2);
            c.addProperty("decoder_layers", 2);
            c.addProperty("encoder_attention_heads", 4);
            c.addProperty("decoder_attention_heads", 4);
            c.addProperty("encoder_ffn_dim", 2 * D_MODEL);
            c.addProperty("decoder_ffn_dim", 2 * D_MODEL);
            c.addProperty("max_position_embeddings", 512);
            c.addProperty("activation_function", "gelu");
            c.addProperty("dropout", 0.1);
            c.addProperty("attention_dropout", 0.1);
            c.addProperty("activation_dropout", 0.1);
            c.addProperty("init_std", 0.02);
            c.addProperty("scale_embedding", false);
            c.addProperty("tie_word_embeddings", true);
            c.addProperty("pad_token_id", 1);
            c.addProperty("bos_token_id", 0);
            c.addProperty("eos_token_id", 2);
            c.addProperty("decoder_start_token_id", 2);
            c.addProperty("forced_eos_token_id", 2);
        } else {
            c.addProperty("model_type", "t5");
            com.google.gson.JsonArray arch = new com.google.gson.JsonArray();
            arch.add("T5ForConditionalGeneration");
            c.add("architectures", arch);
            c.addProperty("vocab_size", vocabSize);
            c.addProperty("d_model", D_MODEL);
            c.addProperty("d_kv", D_MODEL / 4);
            c.addProperty("d_ff", 2 * D_MODEL);
            c.addProperty("num_layers", 2);
            c.addProperty("num_decoder_layers", 2);
            c.addProperty("num_heads", 4);
            c.addProperty("relative_attention_num_buckets", 32);
            c.addProperty("relative_attention_max_distance", 128);
            c.addProperty("dropout_rate", 0.1);
            c.addProperty("layer_norm_epsilon", 1e-6);
            c.addProperty("initializer_factor", 1.0);
            c.addProperty("feed_forward_proj", "relu");
            c.addProperty("tie_word_embeddings", true);
            c.addProperty("pad_token_id", 0);
            c.addProperty("eos_token_id", 1);
            c.addProperty("decoder_start_token_id", 0);
        }
        return c;
    }

    /**
     * Pretrains and writes the model folder.
     *
     * @param vocabulary the word vocabulary
     * @param corpus training sentences
     * @param folder the HF folder to write
     * @return what was measured
     * @throws IOException when the folder cannot be written
     */
    public Result run(WordVocabulary vocabulary, List<String> corpus, Path folder) throws IOException {
        Engine.getInstance().setRandomSeed((int) seed);
        Files.createDirectories(folder);
        String tokenizerJson = vocabulary.tokenizerJson(family);
        int vocabSize = vocabulary.modelVocabSize(family);
        JsonObject configJson = config(vocabulary, vocabSize);
        ModelConfig config = ModelConfig.fromJson(configJson, null, folder.resolve("config.json").toString());
        List<String> sentences = new ArrayList<>(new LinkedHashSet<>(corpus));
        long start = System.nanoTime();
        try (VlTokenizer tokenizer = VlTokenizer.fromJson(tokenizerJson, family, "shapes " + family);
                NDManager manager = NDManager.newBaseManager()) {
            // BART: the id of <mask> (4, after <s> <pad> </s> <unk>); T5: <extra_id_0>
            long maskId = family == TokenizerFamily.BART ? WordVocabulary.specials(family).indexOf("<mask>") : tokenizer.extraTokenId(0);
            List<List<Long>> encoded = new ArrayList<>();
            for (String s : sentences) {
                List<Long> ids = new ArrayList<>();
                for (long id : tokenizer.encodeWithoutSpecialTokens(s)) {
                    ids.add(id);
                }
                if (!ids.isEmpty()) {
                    encoded.add(ids.subList(0, Math.min(ids.size(), 60)));
                }
            }
            Random split = new Random(seed);
            java.util.Collections.shuffle(encoded, split);
            int heldOut = Math.min(256, encoded.size() / 10);
            List<List<Long>> eval = encoded.subList(0, heldOut);
            List<List<Long>> train = encoded.subList(heldOut, encoded.size());
            List<Corruption.Pair> evalPairs = new ArrayList<>();
            Random evalRandom = new Random(seed + 17);
            for (List<Long> e : eval) {
                evalPairs.add(corrupt(e, maskId, evalRandom));
            }
            EncoderDecoder model = family == TokenizerFamily.BART ? new BartModel(config) : new T5Model(config);
            model.initialize(manager, DataType.FLOAT32);
            double before = evaluate(model, manager, tokenizer, evalPairs);
            log.printf(Locale.ROOT, "%s: %d training sentences, %d held out, vocab %d; held-out loss before %.4f%n",
                    family, train.size(), eval.size(), vocabSize, before);
            LinearWarmupSchedule schedule = LinearWarmupSchedule.withWarmupRatio(1e-3, steps, 0.05);
            Random batches = new Random(seed + 1);
            try (AdamW optimizer = AdamW.builder().parameters(model.namedParameters()).weightDecay(0.01).build()) {
                for (int step = 0; step < steps; step++) {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        List<Corruption.Pair> batch = new ArrayList<>();
                        for (int b = 0; b < batchSize; b++) {
                            batch.add(corrupt(train.get(batches.nextInt(train.size())), maskId, batches));
                        }
                        float loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray l = loss(model, manager, tokenizer, batch, ForwardContext.train("pretrain"));
                            loss = l.getFloat();
                            gc.backward(l);
                        }
                        GradientClipping.clipGlobalNorm(optimizer.trainableParameters().values(), 1.0);
                        optimizer.step(schedule.learningRate(step));
                        if (step % 100 == 0 || step == steps - 1) {
                            log.printf(Locale.ROOT, "%s step %d/%d loss %.4f (%.0f s)%n", family, step + 1, steps, loss,
                                    (System.nanoTime() - start) / 1e9);
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double after = evaluate(model, manager, tokenizer, evalPairs);
            log.printf(Locale.ROOT, "%s: held-out loss after %.4f%n", family, after);
            save(folder, model, configJson, tokenizerJson);
            return new Result(steps, before, after, seconds);
        }
    }

    private Corruption.Pair corrupt(List<Long> words, long maskId, Random random) {
        return family == TokenizerFamily.BART ? Corruption.bart(words, maskId, random) : Corruption.t5(words, maskId, random);
    }

    private double evaluate(EncoderDecoder model, NDManager manager, VlTokenizer tokenizer, List<Corruption.Pair> pairs) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < pairs.size(); i += 64) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                List<Corruption.Pair> batch = pairs.subList(i, Math.min(pairs.size(), i + 64));
                sum += loss(model, manager, tokenizer, batch, ForwardContext.EVAL).getFloat() * batch.size();
                n += batch.size();
            }
        }
        return sum / n;
    }

    private NDArray loss(EncoderDecoder model, NDManager manager, VlTokenizer tokenizer, List<Corruption.Pair> batch,
            ForwardContext ctx) {
        boolean bart = family == TokenizerFamily.BART;
        List<long[]> inputs = new ArrayList<>();
        List<long[]> targets = new ArrayList<>();
        for (Corruption.Pair p : batch) {
            inputs.add(frame(p.input(), bart, tokenizer));
            targets.add(frame(p.target(), bart, tokenizer));
        }
        int li = inputs.stream().mapToInt(a -> a.length).max().orElse(1);
        int lt = targets.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] ids = new long[batch.size() * li];
        float[] mask = new float[ids.length];
        long[] labels = new long[batch.size() * lt];
        java.util.Arrays.fill(ids, tokenizer.padId());
        java.util.Arrays.fill(labels, Losses.IGNORE_INDEX);
        for (int b = 0; b < batch.size(); b++) {
            long[] in = inputs.get(b);
            for (int j = 0; j < in.length; j++) {
                ids[b * li + j] = in[j];
                mask[b * li + j] = 1f;
            }
            long[] t = targets.get(b);
            System.arraycopy(t, 0, labels, b * lt, t.length);
        }
        NDArray idArray = manager.create(ids, new Shape(batch.size(), li));
        NDArray maskArray = manager.create(mask, new Shape(batch.size(), li));
        NDArray labelArray = manager.create(labels, new Shape(batch.size(), lt));
        NDArray logits = model.forward(EncoderInput.ofIds(idArray, maskArray), model.shiftRight(labelArray), ctx);
        return Losses.tokenMean(logits, labelArray);
    }

    /** BART: {@code <s> ids </s>}; T5: {@code ids </s>}, as the tokenizer's post-processor frames text. */
    private static long[] frame(List<Long> ids, boolean bart, VlTokenizer tokenizer) {
        int extra = bart ? 2 : 1;
        long[] out = new long[ids.size() + extra];
        int k = 0;
        if (bart) {
            out[k++] = tokenizer.bosId();
        }
        for (long id : ids) {
            out[k++] = id;
        }
        out[k] = tokenizer.eosId();
        return out;
    }

    private static void save(Path folder, EncoderDecoder model, JsonObject config, String tokenizerJson) throws IOException {
        AtomicFiles.writeString(folder.resolve("config.json"), new GsonBuilder().setPrettyPrinting().create().toJson(config) + "\n");
        AtomicFiles.writeString(folder.resolve("tokenizer.json"), tokenizerJson);
        SafeTensorsWriter w = new SafeTensorsWriter();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            w.add(e.getKey(), e.getValue().getArray());
        }
        for (Map.Entry<String, Buffer> e : model.namedBuffers().entrySet()) {
            w.add(e.getKey(), e.getValue().array());
        }
        w.metadata("format", "pt");
        w.write(folder.resolve("model.safetensors"));
    }
}
