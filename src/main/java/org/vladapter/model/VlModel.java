package org.vladapter.model;

import org.vladapter.train.MicroBatch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.generate.GenerationConfig;
import org.vladapter.generate.Generator;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Losses;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.ParameterSummary;
import org.vladapter.peft.TrainableSelector;
import org.vladapter.peft.lora.LoraHooks;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.Decoding;
import org.vladapter.tasks.TaskSpec;
import org.vladapter.tasks.Task;
import org.vladapter.tokenize.TextEncoder;
import org.vladapter.train.TrainableModel;
import org.vladapter.vision.VisualEmbedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * VL-BART or VL-T5 with a PEFT method: the visual embedding, the backbone with the method's modules in
 * place, the trainable set of the paper, the per-task losses and decoding. Built by
 * {@link VlAdapter#builder()}.
 */
public final class VlModel implements TrainableModel<Batch>, AutoCloseable {

    private final Backbone backbone;
    private final EncoderDecoder model;
    private final VisualEmbedding visual;
    private final MethodConfig method;
    private final List<Task> tasks;
    private final List<String> taskKeys;
    private final TrainableSelector selector;
    private final TextEncoder tokenizer;
    private final NDManager manager;
    private final Map<String, Object> provenance;
    private final LayerHooks hooks;
    private boolean ownsManager;

    VlModel(Backbone backbone, EncoderDecoder model, VisualEmbedding visual, MethodConfig method, List<Task> tasks,
            TrainableSelector selector, TextEncoder tokenizer, NDManager manager, Map<String, Object> provenance,
            LayerHooks hooks) {
        this.backbone = backbone;
        this.model = model;
        this.visual = visual;
        this.method = method;
        this.tasks = List.copyOf(tasks);
        this.taskKeys = this.tasks.stream().map(Task::key).toList();
        this.selector = selector;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.provenance = provenance;
        this.hooks = hooks;
    }

    /** @return the backbone this model was built from */
    public Backbone backbone() {
        return backbone;
    }

    /** @return the encoder-decoder (with the method's modules and the visual embedding inside) */
    public EncoderDecoder encoderDecoder() {
        return model;
    }

    /** @return the configuration with the VL vocabulary */
    public ModelConfig config() {
        return model.config();
    }

    /** @return the visual embedding */
    public VisualEmbedding visualEmbedding() {
        return visual;
    }

    /** @return the method and its options */
    public MethodConfig method() {
        return method;
    }

    /** @return the tasks this model serves, in order */
    public List<Task> tasks() {
        return tasks;
    }

    /** @return the rule that decided which parameters train */
    public TrainableSelector selector() {
        return selector;
    }

    /** @return the tokenizer, or {@code null} when none was given */
    public TextEncoder tokenizer() {
        return tokenizer;
    }

    /** Marks the parameter manager as created by the builder, so that {@link #close()} releases it. */
    void ownManager() {
        this.ownsManager = true;
    }

    /**
     * Releases the model's native memory: closes the parameter manager when the builder created it (a
     * manager given with {@code VlAdapter.builder().manager(m)} stays the caller's to close).
     */
    @Override
    public void close() {
        if (ownsManager && manager.isOpen()) {
            manager.close();
        }
    }

    /** @return the manager that owns the parameters */
    public NDManager manager() {
        return manager;
    }

    /** @return how the model was built (method options, tasks, backbone id and fingerprint, seed) */
    public Map<String, Object> provenance() {
        return provenance;
    }

    /** @return the hooks that put the method's modules into the backbone ({@link LayerHooks#NONE} for baselines) */
    public LayerHooks layerHooks() {
        return hooks;
    }

    /** @return the LoRA hooks (every LoRA projection of the model), empty for other methods */
    public Optional<LoraHooks> loraHooks() {
        return hooks instanceof LoraHooks l ? Optional.of(l) : Optional.empty();
    }

    /**
     * Folds every LoRA update of a task into its base weight ({@link LoraHooks#mergeAll}): the forward pass
     * is then the plain backbone's, for that task and in evaluation only, until {@link #unmergeLora()}.
     *
     * @param taskKey the task whose LoRA pairs are merged (any task with single LoRA)
     * @throws IllegalStateException when the method is not LoRA or the weights are already merged
     */
    public void mergeLora(String taskKey) {
        loraHooks().orElseThrow(() -> new IllegalStateException("method " + method.method() + " has no LoRA weights to merge"))
                .mergeAll(taskKey);
    }

    /** Subtracts merged LoRA updates again; does nothing when none is merged or the method is not LoRA. */
    public void unmergeLora() {
        loraHooks().ifPresent(LoraHooks::unmergeAll);
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return model.namedParameters();
    }

    /** @return the parameters that train, by name */
    public Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> out = new java.util.LinkedHashMap<>();
        model.namedParameters().forEach((n, p) -> {
            if (p.requiresGradient()) {
                out.put(n, p);
            }
        });
        return out;
    }

    /** @return the PEFT-style parameter summary (trainable, total, % as the paper counts them) */
    public ParameterSummary parameterSummary() {
        return ParameterSummary.of(model.namedParameters(), selector::isTrainable);
    }

    /**
     * The encoder input of a batch: text ids and mask, and the visual tokens embedded.
     *
     * @param batch a collated batch
     * @param m the batch's manager
     * @param ctx forward context
     * @return the encoder input
     */
    public EncoderInput encoderInput(Batch batch, NDManager m, ForwardContext ctx) {
        NDArray vis = visual.forward(batch.visualFeatures(m), batch.boxes(m), batch.imageOrderIds(m),
                batch.objectOrderIds(m), model.sharedEmbedding().getArray(), ctx);
        return EncoderInput.ofIds(batch.inputIds(m), batch.attentionMask(m)).withVisual(vis, null);
    }

    /**
     * The task's training loss (docs/behaviour.md#losses), reduced as its {@link TaskSpec#loss()} says: VQA
     * per-example token means weighted by the sampled answer's score; COCO captions the token mean over the
     * batch; every other task the batch mean of per-example token means.
     *
     * @param batch a batch with targets
     * @param ctx forward context (training or not; the task is taken from the batch). Call inside an
     *     {@link NDScope} (as the trainer does) so the batch's arrays are released.
     * @return the scalar loss
     */
    @Override
    public NDArray loss(Batch batch, ForwardContext ctx) {
        if (!batch.hasTargets()) {
            throw new IllegalArgumentException("batch of task " + batch.task().key() + " has no targets");
        }
        NDManager bm = manager; // batch arrays are released by the caller's NDScope (the trainer opens one per step)
        NDArray labels = batch.labels(bm);
        ForwardContext c = new ForwardContext(ctx.training(), batch.task().key());
        NDArray logits = model.forward(encoderInput(batch, bm, c), model.shiftRight(labels), c);
        return switch (batch.task().spec().loss()) {
            case SCORE_WEIGHTED_EXAMPLE_MEAN -> Losses.exampleMeans(logits, labels).mul(batch.lossWeights(bm)).mean();
            case TOKEN_MEAN -> Losses.tokenMean(logits, labels);
            case EXAMPLE_MEAN -> Losses.exampleMeans(logits, labels).mean();
        };
    }

    /**
     * Splits a batch into up to {@code parts} consecutive slices for gradient accumulation. The weights follow
     * {@link #loss}'s normalisation: example means (VQA's weighted, GQA, NLVR2, video tasks) weigh a slice by
     * its share of the examples, the caption token mean by its share of the target tokens.
     */
    @Override
    public List<MicroBatch<Batch>> microBatches(Batch batch, int parts) {
        int n = batch.size();
        int k = Math.max(1, Math.min(parts, n));
        int per = (n + k - 1) / k;
        boolean tokens = batch.task().spec().loss().weighsTokens();
        double total = tokens ? targetTokens(batch.labels(), 0, n) : n;
        List<MicroBatch<Batch>> out = new java.util.ArrayList<>();
        for (int from = 0; from < n; from += per) {
            int to = Math.min(n, from + per);
            double share = tokens ? targetTokens(batch.labels(), from, to) : to - from;
            out.add(new MicroBatch<>(k == 1 ? batch : batch.slice(from, to), share / total));
        }
        return out;
    }

    private static long targetTokens(long[][] labels, int from, int to) {
        long count = 0;
        for (int i = from; i < to; i++) {
            for (long id : labels[i]) {
                count += id == Batch.IGNORE_INDEX ? 0 : 1;
            }
        }
        return count;
    }

    /**
     * Whether a task's forward pass touches a parameter, as the method's configuration decides from the
     * name ({@link MethodConfig#usesParameter}): a per-task module of another task is not used, a shared one
     * (single sharing, the shared half of half-shared adapters, Hyperformer's hyper-networks) is.
     *
     * @param taskKey the step's task key
     * @param parameterName a parameter's name
     * @return whether the parameter receives a gradient for that task
     */
    @Override
    public boolean usesParameter(String taskKey, String parameterName) {
        return method.usesParameter(taskKey, parameterName, taskKeys);
    }

    /**
     * Predicts answers for a batch as the original evaluation does: generation with the task's settings
     * ({@link TaskSpec#decoding()}), decoded as its {@code batch_decode(ids, skip_special_tokens=True)} under
     * transformers 4.2.1 (special tokens skipped, tokenization spaces cleaned up: {@link TextEncoder#decode});
     * for a task decoded by comparison ({@link Decoding#trueFalse()}: NLVR2), "true" or "false" from the logits of
     * the first answer token.
     *
     * @param batch a batch
     * @return one prediction per example
     */
    public List<String> predict(Batch batch) {
        return predict(batch, true);
    }

    /**
     * Like {@link #predict(Batch)}, choosing the decoding clean-up.
     *
     * @param batch a batch
     * @param cleanUpTokenizationSpaces {@code true}: as the original (transformers 4.2.1's default);
     *     {@code false}: the decoded text without the clean-up (transformers 5's default,
     *     {@link TextEncoder#decodeWithoutCleanUp})
     * @return one prediction per example
     */
    public List<String> predict(Batch batch, boolean cleanUpTokenizationSpaces) {
        requireTokenizer();
        ForwardContext ctx = ForwardContext.eval(batch.task().key());
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
            EncoderInput input = encoderInput(batch, m, ctx);
            Decoding decoding = batch.task().spec().decoding();
            if (decoding.trueFalse()) {
                return predictTrueFalse(input, m, ctx);
            }
            GenerationConfig cfg = decoding.generationConfig(model.config());
            long[][] ids = new Generator(model).generate(input, cfg, ctx);
            List<String> out = new ArrayList<>(ids.length);
            for (long[] row : ids) {
                out.add(cleanUpTokenizationSpaces ? tokenizer.decode(row) : tokenizer.decodeWithoutCleanUp(row));
            }
            return out;
        }
    }

    private List<String> predictTrueFalse(EncoderInput input, NDManager m, ForwardContext ctx) {
        long trueId = firstContentId("true");
        long falseId = firstContentId("false");
        long b = input.batchSize();
        boolean bart = model.config().type() == org.vladapter.backbone.ModelType.BART;
        long[] start = bart ? new long[] {model.config().decoderStartId(), model.config().bosId()}
                : new long[] {model.config().decoderStartId()};
        long[] dec = new long[(int) b * start.length];
        for (int i = 0; i < b; i++) {
            System.arraycopy(start, 0, dec, i * start.length, start.length);
        }
        NDArray logits = model.forward(input, m.create(dec, new ai.djl.ndarray.types.Shape(b, start.length)), ctx);
        NDArray last = logits.get(":, " + (start.length - 1) + ", :");
        float[] t = last.get(":, " + trueId).toFloatArray();
        float[] f = last.get(":, " + falseId).toFloatArray();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            out.add(t[i] > f[i] ? "true" : "false");
        }
        return out;
    }

    /** The first id of a word encoded without special tokens (the original's true_id / false_id). */
    private long firstContentId(String word) {
        ModelConfig c = model.config();
        for (long id : tokenizer.encode(word, 0)) {
            if (id != c.bosId() && id != c.eosId() && id != c.padId()) {
                return id;
            }
        }
        throw new IllegalStateException("tokenizer encodes '" + word + "' to special tokens only");
    }

    private void requireTokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("this model has no tokenizer: give one to VlAdapter.builder().tokenizer(...)"
                    + " to decode predictions");
        }
    }

    @Override
    public String toString() {
        return "VlModel[" + backbone.id() + ", " + method.method() + method.sharing().map(s -> "/" + s).orElse("")
                + ", tasks " + tasks.stream().map(Task::key).collect(Collectors.joining(",")) + "]";
    }
}
