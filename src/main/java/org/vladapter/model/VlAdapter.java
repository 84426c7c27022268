package org.vladapter.model;

import org.vladapter.train.PaperSeed;
import ai.djl.ndarray.NDManager;
import org.vladapter.backbone.Backbone;
import org.vladapter.io.LibraryVersion;
import org.vladapter.nn.SeededInitialisation;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.BackboneShape;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.MethodSpec;
import org.vladapter.peft.ParameterSummary;
import org.vladapter.peft.Sharing;
import org.vladapter.peft.TrainableSelector;
import org.vladapter.tasks.Task;
import org.vladapter.tokenize.TextEncoder;
import org.vladapter.vision.VisualEmbedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The entry point: builds a {@link VlModel} from a backbone, a method and the tasks, with the paper's
 * defaults for everything not given.
 *
 * <pre>{@code
 * import static org.vladapter.peft.Method.LORA;
 * import static org.vladapter.peft.Sharing.SINGLE;
 * import static org.vladapter.tasks.Task.*;
 *
 * VlModel model = VlAdapter.builder()
 *         .backbone("bart-base")
 *         .method(LORA).sharing(SINGLE).rank(128)
 *         .tasks(VQA, GQA, NLVR2, COCO_CAPTION)
 *         .build();
 * System.out.println(model.parameterSummary().line());
 * }</pre>
 */
public final class VlAdapter {

    private VlAdapter() {}

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The VL vocabulary size: the tokenizer's when given (it includes the added tokens); otherwise the
     * backbone's plus VL-Adapter's added tokens: 200 for BART (50265 → 50465); for T5 the 100
     * {@code <vis_extra_id>} tokens after the 32100 sentencepiece + extra-id tokens (t5-base's padded 32128 →
     * 32200), or vocabulary + 100 for other T5 sizes.
     *
     * @param config backbone configuration
     * @param tokenizer tokenizer or {@code null}
     * @return the vocabulary size of the VL model
     */
    public static int vlVocabSize(ModelConfig config, TextEncoder tokenizer) {
        if (tokenizer != null) {
            return Math.max(tokenizer.vocabSize(), config.vocabSize());
        }
        if (config.type() == ModelType.BART) {
            return config.vocabSize() + 200;
        }
        return config.vocabSize() == 32128 ? 32200 : config.vocabSize() + 100;
    }

    /** @return the names {@link Builder#option} takes: every method's flat options ({@link MethodSpec#options()}) */
    public static List<String> methodOptions() {
        return List.copyOf(allOptions().keySet());
    }

    /** @return every flat option of every method ({@link MethodSpec#options()}), by name, with its type */
    static Map<String, Class<? extends Number>> allOptions() {
        Map<String, Class<? extends Number>> all = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            all.putAll(m.spec().options());
        }
        return all;
    }

    /**
     * Builder of {@link VlModel} with bare fluent names: {@code backbone}, {@code method} and {@code tasks}
     * are required (a missing one is named by {@link #build()}); everything else has the paper's default.
     */
    public static final class Builder {
        private Backbone backbone;
        private MethodConfig methodConfig;
        private Method method;
        private MethodPreset preset;
        private Sharing sharing;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private List<Task> tasks;
        private Integer featureDim;
        private TextEncoder tokenizer;
        private long seed = PaperSeed.VALUE;
        private NDManager manager;
        private float dropout = 0.1f;
        private boolean unfreezeT5LayerNorms;
        private java.nio.file.Path adapterCheckpoint;
        private String checkpointBackboneId;

        private Builder() {}

        /**
         * @param backbone the text backbone (preset or HF folder)
         * @return this
         */
        public Builder backbone(Backbone backbone) {
            this.backbone = backbone;
            return this;
        }

        /**
         * @param presetOrFolder {@code bart-base}, {@code t5-base} or an HF checkpoint folder
         * @return this
         */
        public Builder backbone(String presetOrFolder) {
            return backbone(Backbone.of(presetOrFolder));
        }

        /**
         * @param method the method; its options default to the paper's best (docs/behaviour.md#recipe)
         * @return this
         */
        public Builder method(Method method) {
            this.method = method;
            this.preset = null;
            this.methodConfig = null;
            return this;
        }

        /**
         * @param preset a paper row, e.g. {@link MethodPreset#SINGLE_ADAPTER}: its method and sharing with the
         *     paper's options; the method options (e.g. {@link #rank}) may still change single options
         * @return this
         */
        public Builder method(MethodPreset preset) {
            this.method = preset.method();
            this.preset = preset;
            this.methodConfig = null;
            return this;
        }

        /**
         * @param cliName a paper row by its command-line name, e.g. {@code single-lora}
         * @return this
         */
        public Builder method(String cliName) {
            return method(MethodPreset.fromCliName(cliName));
        }

        /**
         * @param config a fully configured method
         * @return this
         */
        public Builder method(MethodConfig config) {
            this.methodConfig = config;
            this.method = null;
            this.preset = null;
            return this;
        }

        /**
         * @param tasks the tasks, in order (their keys route per-task modules)
         * @return this
         */
        public Builder tasks(List<Task> tasks) {
            this.tasks = List.copyOf(tasks);
            return this;
        }

        /**
         * @param tasks the tasks, in order
         * @return this
         */
        public Builder tasks(Task... tasks) {
            return tasks(Arrays.asList(tasks));
        }

        /**
         * @param sharing one module shared by all tasks, or one per task (default: single)
         * @return this
         */
        public Builder sharing(Sharing sharing) {
            this.sharing = sharing;
            return this;
        }

        /**
         * @param rank LoRA rank (paper: 128)
         * @return this
         */
        public Builder rank(int rank) {
            options.put("rank", rank);
            return this;
        }

        /**
         * @param alpha LoRA alpha (paper: 32)
         * @return this
         */
        public Builder alpha(double alpha) {
            options.put("alpha", alpha);
            return this;
        }

        /**
         * @param dropout LoRA dropout (paper: 0.1)
         * @return this
         */
        public Builder loraDropout(double dropout) {
            options.put("lora_dropout", dropout);
            return this;
        }

        /**
         * @param factor adapter/Compacter/Hyperformer reduction factor (paper: 8, bottleneck 96)
         * @return this
         */
        public Builder reductionFactor(int factor) {
            options.put("reduction_factor", factor);
            return this;
        }

        /**
         * @param length prompt length (paper: 40)
         * @return this
         */
        public Builder promptLength(int length) {
            options.put("prompt_length", length);
            return this;
        }

        /**
         * @param midDim prompt MLP mid dimension (paper: 800)
         * @return this
         */
        public Builder midDim(int midDim) {
            options.put("mid_dim", midDim);
            return this;
        }

        /**
         * @param n Compacter hypercomplex division (paper: 2)
         * @return this
         */
        public Builder phmDim(int n) {
            options.put("phm_dim", n);
            return this;
        }

        /**
         * Sets an option by its name, as the command line and checkpoint configs spell it: integers
         * {@code rank}, {@code reduction_factor}, {@code prompt_length}, {@code mid_dim}, {@code phm_dim};
         * decimals {@code alpha}, {@code lora_dropout}.
         *
         * @param name the option name
         * @param value its value as text
         * @return this
         * @throws IllegalArgumentException for an unknown name (listing the known ones) or a malformed value
         */
        public Builder option(String name, String value) {
            Map<String, Class<? extends Number>> known = allOptions();
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; known options: "
                        + String.join(", ", known.keySet()));
            }
            boolean integer = known.get(name) == Integer.class;
            try {
                options.put(name, integer ? (Object) Integer.valueOf(value.trim()) : (Object) Double.valueOf(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option '" + name + "' needs " + (integer ? "an integer" : "a number")
                        + ", got '" + value + "'");
            }
            return this;
        }

        /**
         * Rebuilds the model an adapter checkpoint ({@link AdapterCheckpoint}) was saved from: method, sharing,
         * options, tasks, feature dimension, seed and T5 LayerNorm choice come from its
         * {@code adapter_config.json}; the backbone is the one given with {@code backbone}, or else the
         * recorded preset name or folder. {@link #build()} then loads the saved tensors (checking the backbone
         * fingerprint). Calls after this one may still change settings (e.g. the tokenizer); a change that
         * makes the model differ from the checkpoint fails at load, naming the field.
         *
         * @param dir the checkpoint folder
         * @return this
         * @throws IllegalArgumentException when the folder has no readable adapter config
         */
        public Builder fromAdapterCheckpoint(java.nio.file.Path dir) {
            com.google.gson.JsonObject c = AdapterCheckpoint.readConfig(dir);
            String where = dir.resolve(AdapterCheckpoint.CONFIG_FILE).toString();
            com.google.gson.JsonElement recorded = c.get("method_config");
            if (recorded == null || !recorded.isJsonObject()) {
                throw new IllegalArgumentException("key \"method_config\" missing in " + where);
            }
            try {
                method(MethodConfig.fromJson(recorded.getAsJsonObject()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            this.sharing = null;
            options.clear();
            List<Task> t = new ArrayList<>();
            c.getAsJsonArray("tasks").forEach(e -> t.add(Task.of(e.getAsString())));
            tasks(t);
            this.featureDim = c.get("feature_dim").getAsInt();
            this.seed = c.get("seed").getAsLong();
            if (c.has("dropout")) {
                this.dropout = c.get("dropout").getAsFloat();
            }
            this.unfreezeT5LayerNorms = c.has("unfreeze_t5_layer_norms") && c.get("unfreeze_t5_layer_norms").getAsBoolean();
            this.checkpointBackboneId = AdapterCheckpoint.string(c, "backbone", where);
            this.adapterCheckpoint = dir;
            return this;
        }

        /**
         * @param dim CLIP feature size: 2048 for RN101 grid features (default for image tasks), 512 for the
         *     video features (default for video tasks)
         * @return this
         */
        public Builder featureDim(int dim) {
            this.featureDim = dim;
            return this;
        }

        /**
         * @param tokenizer the tokenizer (needed to decode predictions; sets the vocabulary size)
         * @return this
         */
        public Builder tokenizer(TextEncoder tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /**
         * @param seed seed of the model's random initialisation (default {@link PaperSeed#VALUE}, the paper's),
         *     recorded in the provenance as {@code seed}; {@link #build()} does not leave it as the engine's seed
         *     ({@link SeededInitialisation})
         * @return this
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param manager the manager that owns the parameters (default: a new base manager, closed by
         *     {@link VlModel#close()})
         * @return this
         */
        public Builder manager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * @param p dropout for the backbone's residual, attention and activation dropout (paper: 0.1 for all three,
         *     whatever the checkpoint's config says, as VL-Adapter forces them to {@code --dropout})
         * @return this
         */
        public Builder dropout(float p) {
            if (p < 0f || p >= 1f) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
            }
            this.dropout = p;
            return this;
        }

        /**
         * @param unfreeze also train VL-T5's block layer norms, which the original silently leaves frozen
         *     (docs/behaviour.md#adapters, quirk 2); default false, faithful to the original
         * @return this
         */
        public Builder unfreezeT5LayerNorms(boolean unfreeze) {
            this.unfreezeT5LayerNorms = unfreeze;
            return this;
        }

        /** @return the method configuration these settings describe */
        public MethodConfig methodConfig() {
            if (methodConfig != null) {
                if (!options.isEmpty() || sharing != null) {
                    throw new IllegalArgumentException("options " + options.keySet() + (sharing != null ? " and sharing" : "")
                            + " cannot be combined with a ready MethodConfig; set them on the config's builder");
                }
                return methodConfig;
            }
            if (method == null) {
                throw new IllegalArgumentException("no method: call method(...) (e.g. Method.ADAPTER or \"single-adapter\")");
            }
            Sharing presetSharing = preset == null ? null : preset.sharing().orElse(null);
            if (sharing != null && presetSharing != null && sharing != presetSharing) {
                throw new IllegalArgumentException("sharing " + sharing + " contradicts method " + preset.cliName()
                        + " (" + presetSharing + "); pick the " + sharing.name().toLowerCase(java.util.Locale.ROOT)
                        + " preset instead");
            }
            MethodSpec spec = method.spec();
            List<String> allowed = List.copyOf(spec.options().keySet());
            List<String> wrong = options.keySet().stream().filter(k -> !allowed.contains(k)).collect(Collectors.toList());
            if (!wrong.isEmpty()) {
                throw new IllegalArgumentException("option(s) " + wrong + " do not apply to method " + method
                        + (allowed.isEmpty() ? " (it has no options)" : "; its options: " + allowed));
            }
            if (!spec.hasSharing() && sharing != null) {
                throw new IllegalArgumentException("sharing does not apply to method " + method);
            }
            return spec.fromOptions(method, sharing != null ? sharing : presetSharing, options);
        }

        /**
         * Builds and initialises the model (loading the backbone's weights when it has them), freezes
         * everything the method does not train and, after {@link #fromAdapterCheckpoint}, loads the saved
         * tensors.
         *
         * @return the model
         */
        public VlModel build() {
            Backbone bb = resolveBackbone();
            MethodConfig cfg = checkedMethodConfig();
            ModelConfig config = bb.config();
            int vocab = vlVocabSize(config, tokenizer);
            int feat = featureDim();
            List<String> keys = taskKeys();
            NDManager m = manager != null ? manager : NDManager.newBaseManager();
            VisualEmbedding visual = visualEmbedding(config, feat);
            LayerHooks hooks = cfg.createHooks(keys, shape(config));
            // the model's own seed drives its initialisation; the engine's seed is the caller's again afterwards
            EncoderDecoder model = SeededInitialisation.run(seed, () -> bb.withDropout(dropout).build(m, hooks, visual, vocab));
            TrainableSelector selector = selector(cfg);
            selector.apply(model.namedParameters());
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("library_version", LibraryVersion.get());
            provenance.put("backbone", bb.id());
            provenance.put("backbone_fingerprint", bb.fingerprint());
            provenance.put("model_type", config.type().name().toLowerCase(java.util.Locale.ROOT));
            provenance.put("vocab_size", vocab);
            provenance.put("feature_dim", feat);
            provenance.put("method", cfg.method().name());
            provenance.put("method_preset", presetOf(cfg));
            provenance.put("sharing", cfg.sharing().map(Enum::name).orElse(null));
            provenance.put("method_config", cfg.toJson());
            provenance.put("tasks", keys);
            provenance.put("seed", seed);
            provenance.put("dropout", dropout);
            provenance.put("unfreeze_t5_layer_norms", unfreezeT5LayerNorms);
            VlModel built = new VlModel(bb, model, visual, cfg, new ArrayList<>(tasks), selector, tokenizer, m, provenance,
                    hooks);
            if (manager == null) {
                built.ownManager();
            }
            if (adapterCheckpoint != null) {
                AdapterCheckpoint.load(built, adapterCheckpoint);
            }
            return built;
        }

        /**
         * Counts parameters without building arrays: the module tree of the model {@link #build()} would make
         * (backbone, visual embedding, the method's modules) has every shape at construction, so nothing is
         * initialised, loaded or allocated. Fast and small even for {@code t5-base}.
         *
         * @return the PEFT-style summary of the model {@code build()} would make
         */
        public ParameterSummary parameterSummary() {
            Backbone bb = resolveBackbone();
            MethodConfig cfg = checkedMethodConfig();
            ModelConfig config = bb.config().withVocabSize(vlVocabSize(bb.config(), tokenizer));
            VisualEmbedding visual = visualEmbedding(config, featureDim());
            LayerHooks hooks = cfg.createHooks(taskKeys(), shape(config));
            EncoderDecoder skeleton = Backbone.newModel(config, hooks, visual);
            return ParameterSummary.of(skeleton.namedParameters(), selector(cfg)::isTrainable);
        }

        private Backbone resolveBackbone() {
            if (backbone != null) {
                return backbone;
            }
            if (checkpointBackboneId != null) {
                try {
                    return Backbone.of(checkpointBackboneId);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("the adapter checkpoint " + adapterCheckpoint + " was saved with"
                            + " backbone '" + checkpointBackboneId + "', which cannot be opened here (" + e.getMessage()
                            + "); give the backbone with backbone(...)", e);
                }
            }
            throw new IllegalArgumentException("no backbone: call backbone(...) with a preset or HF folder");
        }

        private MethodConfig checkedMethodConfig() {
            if (tasks == null || tasks.isEmpty()) {
                throw new IllegalArgumentException("no tasks: call tasks(...)");
            }
            MethodConfig cfg = methodConfig();
            return cfg;
        }

        private int featureDim() {
            return featureDim != null ? featureDim : Task.Modality.of(tasks).featureDim();
        }

        private List<String> taskKeys() {
            return tasks.stream().map(Task::key).collect(Collectors.toList());
        }

        private TrainableSelector selector(MethodConfig cfg) {
            return TrainableSelector.builder().method(cfg.method()).unfreezeT5LayerNorms(unfreezeT5LayerNorms).build();
        }

        private static BackboneShape shape(ModelConfig config) {
            return new BackboneShape(config.type(),
                    config.dModel(), config.encoderLayers(), config.decoderLayers());
        }

        private static VisualEmbedding visualEmbedding(ModelConfig config, int feat) {
            return new VisualEmbedding(config.type(),
                    feat, config.dModel());
        }

        /** @return the paper row whose default config this is, or {@code null} for a customised method */
        private static String presetOf(MethodConfig cfg) {
            for (MethodPreset p : MethodPreset.values()) {
                if (p.method() == cfg.method() && p.defaultConfig().toJson().equals(cfg.toJson())) {
                    return p.cliName();
                }
            }
            return null;
        }
    }
}
