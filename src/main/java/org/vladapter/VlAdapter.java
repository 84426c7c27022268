package org.vladapter;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.BackboneKind;
import org.vladapter.peft.BackboneShape;
import org.vladapter.peft.BaselineConfig;
import org.vladapter.peft.Method;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodPreset;
import org.vladapter.peft.Sharing;
import org.vladapter.peft.TrainableSelector;
import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.compacter.CompacterConfig;
import org.vladapter.peft.hyperformer.HyperformerConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.peft.prompt.PromptConfig;
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
 * VlModel model = VlAdapter.builder()
 *         .setBackbone(Backbone.preset("bart-base"))
 *         .setMethod(Method.LORA)
 *         .optSharing(Sharing.SINGLE)
 *         .setTasks(Task.VQA, Task.GQA, Task.NLVR2, Task.COCO_CAPTION)
 *         .optRank(128)
 *         .build();
 * System.out.println(model.parameterSummary().line());
 * }</pre>
 */
public final class VlAdapter {

    /** The library version recorded with checkpoints and runs. */
    public static final String VERSION = "0.1.0";

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

    /** Builder of {@link VlModel}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private Backbone backbone;
        private MethodConfig methodConfig;
        private Method method;
        private Sharing sharing;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private List<Task> tasks;
        private Integer featureDim;
        private TextEncoder tokenizer;
        private long seed = 9595;
        private NDManager manager;
        private boolean unfreezeT5LayerNorms;

        private Builder() {}

        /**
         * @param backbone the text backbone (preset or HF folder)
         * @return this
         */
        public Builder setBackbone(Backbone backbone) {
            this.backbone = backbone;
            return this;
        }

        /**
         * @param presetOrFolder {@code bart-base}, {@code t5-base} or an HF checkpoint folder
         * @return this
         */
        public Builder setBackbone(String presetOrFolder) {
            return setBackbone(Backbone.of(presetOrFolder));
        }

        /**
         * @param method the method; its options default to the paper's best (spec 3.2)
         * @return this
         */
        public Builder setMethod(Method method) {
            this.method = method;
            this.methodConfig = null;
            return this;
        }

        /**
         * @param preset a paper row, e.g. {@link MethodPreset#SINGLE_ADAPTER}
         * @return this
         */
        public Builder setMethod(MethodPreset preset) {
            return setMethod(preset.defaultConfig());
        }

        /**
         * @param cliName a paper row by its command-line name, e.g. {@code single-lora}
         * @return this
         */
        public Builder setMethod(String cliName) {
            return setMethod(MethodPreset.fromCliName(cliName));
        }

        /**
         * @param config a fully configured method
         * @return this
         */
        public Builder setMethod(MethodConfig config) {
            this.methodConfig = config;
            this.method = null;
            return this;
        }

        /**
         * @param tasks the tasks, in order (their keys route per-task modules)
         * @return this
         */
        public Builder setTasks(List<Task> tasks) {
            this.tasks = List.copyOf(tasks);
            return this;
        }

        /**
         * @param tasks the tasks, in order
         * @return this
         */
        public Builder setTasks(Task... tasks) {
            return setTasks(Arrays.asList(tasks));
        }

        /**
         * @param sharing one module shared by all tasks, or one per task (default: single)
         * @return this
         */
        public Builder optSharing(Sharing sharing) {
            this.sharing = sharing;
            return this;
        }

        /**
         * @param rank LoRA rank (paper: 128)
         * @return this
         */
        public Builder optRank(int rank) {
            options.put("rank", rank);
            return this;
        }

        /**
         * @param alpha LoRA alpha (paper: 32)
         * @return this
         */
        public Builder optAlpha(double alpha) {
            options.put("alpha", alpha);
            return this;
        }

        /**
         * @param dropout LoRA dropout (paper: 0.1)
         * @return this
         */
        public Builder optLoraDropout(double dropout) {
            options.put("lora_dropout", dropout);
            return this;
        }

        /**
         * @param factor adapter/Compacter/Hyperformer reduction factor (paper: 8, bottleneck 96)
         * @return this
         */
        public Builder optReductionFactor(int factor) {
            options.put("reduction_factor", factor);
            return this;
        }

        /**
         * @param length prompt length (paper: 40)
         * @return this
         */
        public Builder optPromptLength(int length) {
            options.put("prompt_length", length);
            return this;
        }

        /**
         * @param midDim prompt MLP mid dimension (paper: 800)
         * @return this
         */
        public Builder optMidDim(int midDim) {
            options.put("mid_dim", midDim);
            return this;
        }

        /**
         * @param n Compacter hypercomplex division (paper: 2)
         * @return this
         */
        public Builder optPhmDim(int n) {
            options.put("phm_dim", n);
            return this;
        }

        /**
         * @param dim CLIP feature size: 2048 for RN101 grid features (default for image tasks), 512 for the
         *     video features (default for video tasks)
         * @return this
         */
        public Builder optFeatureDim(int dim) {
            this.featureDim = dim;
            return this;
        }

        /**
         * @param tokenizer the tokenizer (needed to decode predictions; sets the vocabulary size)
         * @return this
         */
        public Builder optTokenizer(TextEncoder tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /**
         * @param seed seed of every random initialisation (paper: 9595)
         * @return this
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param manager the manager that owns the parameters (default: a new base manager)
         * @return this
         */
        public Builder optManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * @param unfreeze also train VL-T5's block layer norms, which the original silently leaves frozen
         *     (spec 2.1, quirk 2); default false, faithful to the original
         * @return this
         */
        public Builder optUnfreezeT5LayerNorms(boolean unfreeze) {
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
                throw new IllegalArgumentException("no method: call setMethod(...) (e.g. Method.ADAPTER or \"single-adapter\")");
            }
            Sharing s = sharing == null ? Sharing.SINGLE : sharing;
            switch (method) {
                case ADAPTER:
                case HALF_SHARED_ADAPTER: {
                    allow("reduction_factor");
                    AdapterConfig.Builder b = AdapterConfig.builder();
                    if (method == Method.HALF_SHARED_ADAPTER) {
                        b.optSharing(Sharing.MULTIPLE).optShareUpSampler(true);
                        if (sharing != null && sharing != Sharing.MULTIPLE) {
                            throw new IllegalArgumentException("half-shared adapters are per task (sharing MULTIPLE)");
                        }
                    } else {
                        b.optSharing(s);
                    }
                    ifSet("reduction_factor", v -> b.optReductionFactor((Integer) v));
                    return b.build();
                }
                case COMPACTER: {
                    allow("reduction_factor", "phm_dim");
                    CompacterConfig.Builder b = CompacterConfig.builder().optSharing(s);
                    ifSet("reduction_factor", v -> b.optReductionFactor((Integer) v));
                    ifSet("phm_dim", v -> b.optPhmDim((Integer) v));
                    return b.build();
                }
                case HYPERFORMER: {
                    allow("reduction_factor");
                    noSharing();
                    HyperformerConfig.Builder b = HyperformerConfig.builder();
                    ifSet("reduction_factor", v -> b.optReductionFactor((Integer) v));
                    return b.build();
                }
                case LORA: {
                    allow("rank", "alpha", "lora_dropout");
                    LoraConfig.Builder b = LoraConfig.builder().optSharing(s);
                    ifSet("rank", v -> b.optRank((Integer) v));
                    ifSet("alpha", v -> b.optAlpha((Double) v));
                    ifSet("lora_dropout", v -> b.optDropout((Double) v));
                    return b.build();
                }
                case PROMPT: {
                    allow("prompt_length", "mid_dim");
                    PromptConfig.Builder b = PromptConfig.builder().optSharing(s);
                    ifSet("prompt_length", v -> b.optPromptLength((Integer) v));
                    ifSet("mid_dim", v -> b.optMidDim((Integer) v));
                    return b.build();
                }
                default:
                    allow();
                    noSharing();
                    return BaselineConfig.of(method);
            }
        }

        private void noSharing() {
            if (sharing != null) {
                throw new IllegalArgumentException("sharing does not apply to method " + method);
            }
        }

        private void allow(String... names) {
            List<String> allowed = Arrays.asList(names);
            List<String> wrong = options.keySet().stream().filter(k -> !allowed.contains(k)).collect(Collectors.toList());
            if (!wrong.isEmpty()) {
                throw new IllegalArgumentException("option(s) " + wrong + " do not apply to method " + method
                        + (allowed.isEmpty() ? " (it has no options)" : "; its options: " + allowed));
            }
        }

        private void ifSet(String key, java.util.function.Consumer<Object> apply) {
            if (options.containsKey(key)) {
                apply.accept(options.get(key));
            }
        }

        /**
         * Builds and initialises the model (loading the backbone's weights when it has them) and freezes
         * everything the method does not train.
         *
         * @return the model
         */
        public VlModel build() {
            if (backbone == null) {
                throw new IllegalArgumentException("no backbone: call setBackbone(...) with a preset or HF folder");
            }
            if (tasks == null || tasks.isEmpty()) {
                throw new IllegalArgumentException("no tasks: call setTasks(...)");
            }
            MethodConfig cfg = methodConfig();
            ModelConfig config = backbone.config();
            int vocab = vlVocabSize(config, tokenizer);
            int feat = featureDim != null ? featureDim
                    : tasks.stream().allMatch(t -> t.modality() == Task.Modality.VIDEO) ? 512 : 2048;
            List<String> keys = tasks.stream().map(Task::key).collect(Collectors.toList());
            BackboneShape shape = new BackboneShape(config.type() == ModelType.BART ? BackboneKind.BART : BackboneKind.T5,
                    config.dModel(), config.encoderLayers(), config.decoderLayers());
            NDManager m = manager != null ? manager : NDManager.newBaseManager();
            Engine.getInstance().setRandomSeed((int) seed);
            VisualEmbedding visual = new VisualEmbedding(
                    config.type() == ModelType.BART ? VisualEmbedding.Style.BART : VisualEmbedding.Style.T5, feat, config.dModel());
            EncoderDecoder model = backbone.build(m, cfg.createHooks(keys, shape), visual, vocab);
            TrainableSelector selector = TrainableSelector.builder().setMethod(cfg.method())
                    .optUnfreezeT5LayerNorms(unfreezeT5LayerNorms).build();
            selector.apply(model.namedParameters());
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("library_version", VERSION);
            provenance.put("backbone", backbone.id());
            provenance.put("backbone_fingerprint", backbone.fingerprint());
            provenance.put("model_type", config.type().name().toLowerCase(java.util.Locale.ROOT));
            provenance.put("vocab_size", vocab);
            provenance.put("feature_dim", feat);
            provenance.put("method", cfg.method().name());
            provenance.put("sharing", cfg.sharing().map(Enum::name).orElse(null));
            provenance.put("options", cfg.asMap());
            provenance.put("tasks", keys);
            provenance.put("seed", seed);
            provenance.put("unfreeze_t5_layer_norms", unfreezeT5LayerNorms);
            return new VlModel(backbone, model, visual, cfg, new ArrayList<>(tasks), selector, tokenizer, m, provenance);
        }
    }
}
