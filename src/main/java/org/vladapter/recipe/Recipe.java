package org.vladapter.recipe;

import org.vladapter.train.PaperSeed;
import org.vladapter.model.VlModel;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.MethodConfig;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.MultitaskLoader;
import org.vladapter.tasks.ReaderOptions;
import org.vladapter.tasks.Task;
import org.vladapter.tasks.TaskSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a run trains, validates and reports: the released VL-Adapter scripts' values by default ({@link
 * #paper(VlModel)}), each overridable with {@link #toBuilder()}.
 *
 * <pre>{@code
 * Recipe recipe = Recipe.paper(model).toBuilder().epochs(3).build();
 * VlTraining.builder().model(model).recipe(recipe).data(Path.of("datasets")).build().fit();
 * }</pre>
 *
 * <p>Paper values: 20 epochs for image tasks and 7 for video; learning rate 1e-3 for the PEFT methods,
 * 3e-4 for multiple and half-shared adapters, 1e-4 for full fine-tuning (video: 3e-4, full fine-tuning
 * 3e-5); base batch size 500 (BART) / 300 (T5) for images, 50 / 30 for video (300 for T5 single LoRA and
 * single prompt, as their scripts ran: {@link org.vladapter.recipe.PaperRecipe#baseBatchSize}), split into per-task batch
 * sizes by {@link MultitaskLoader#paperBatchSizes}; warmup 10 % of the steps; gradient-norm clip 5; seed
 * 9595; task prompts ({@code "vqa: "}, ...) as the method's script sets them. Each task is reported on
 * the split the paper reports (see {@link #reportedSplit(Task)}).
 */
public final class Recipe {

    private final String method;
    private final List<Task> tasks;
    private final int epochs;
    private final double learningRate;
    private final int baseBatchSize;
    private final double warmupRatio;
    private final double clipNorm;
    private final int seed;
    private final int evalBatchSize;
    private final boolean taskPrompts;
    private final String featureType;
    private final boolean test;

    private Recipe(Builder b) {
        this.method = b.method;
        this.tasks = List.copyOf(b.tasks);
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.baseBatchSize = b.baseBatchSize;
        this.warmupRatio = b.warmupRatio;
        this.clipNorm = b.clipNorm;
        this.seed = b.seed;
        this.evalBatchSize = b.evalBatchSize;
        this.taskPrompts = b.taskPrompts;
        this.featureType = b.featureType;
        this.test = b.test;
    }

    /**
     * @param model a built model (its method row, backbone family and tasks pick the values)
     * @return the paper's recipe for it
     */
    public static Recipe paper(VlModel model) {
        return paper(model.method(), model.config().type(), model.tasks());
    }

    /**
     * @param method the paper row
     * @param backbone the backbone family
     * @param tasks the tasks (all image or all video)
     * @return the released scripts' recipe
     */
    public static Recipe paper(MethodPreset method, ModelType backbone, List<Task> tasks) {
        return paper(method.defaultConfig(), backbone, tasks);
    }

    /**
     * @param config a method configuration (its method and sharing pick the values, {@link MethodConfig})
     * @param backbone the backbone family
     * @param tasks the tasks (all image or all video)
     * @return the released scripts' recipe for it
     */
    public static Recipe paper(MethodConfig config, ModelType backbone, List<Task> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a recipe needs at least one task");
        }
        Task.Modality modality = Task.Modality.of(tasks);
        Builder b = new Builder();
        b.method = MethodPreset.nameOf(config);
        b.tasks = List.copyOf(tasks);
        b.epochs = PaperRecipe.epochs(tasks);
        b.learningRate = config.paperLearningRate(modality);
        b.baseBatchSize = config.paperBaseBatchSize(backbone, modality);
        b.taskPrompts = config.paperTaskPrompts(modality);
        return b.build();
    }

    /** @return a builder holding this recipe's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.tasks = tasks;
        b.epochs = epochs;
        b.learningRate = learningRate;
        b.baseBatchSize = baseBatchSize;
        b.warmupRatio = warmupRatio;
        b.clipNorm = clipNorm;
        b.seed = seed;
        b.evalBatchSize = evalBatchSize;
        b.taskPrompts = taskPrompts;
        b.featureType = featureType;
        b.test = test;
        return b;
    }

    /** @return the method's name ({@link MethodPreset#nameOf}: the paper row's command-line name) */
    public String method() {
        return method;
    }

    /** @return the tasks, in order */
    public List<Task> tasks() {
        return tasks;
    }

    /** @return epochs */
    public int epochs() {
        return epochs;
    }

    /** @return peak learning rate */
    public double learningRate() {
        return learningRate;
    }

    /** @return base batch size (VQA's; the other tasks' follow from it) */
    public int baseBatchSize() {
        return baseBatchSize;
    }

    /** @return the batch size of each task */
    public Map<Task, Integer> batchSizes() {
        return MultitaskLoader.paperBatchSizes(tasks, baseBatchSize);
    }

    /** @return warmup fraction of all steps */
    public double warmupRatio() {
        return warmupRatio;
    }

    /** @return global gradient-norm clip */
    public double clipNorm() {
        return clipNorm;
    }

    /** @return training seed */
    public int seed() {
        return seed;
    }

    /** @return evaluation batch size */
    public int evalBatchSize() {
        return evalBatchSize;
    }

    /** @return whether inputs start with the task prompt ({@code "vqa: "}, ...) */
    public boolean taskPrompts() {
        return taskPrompts;
    }

    /** @return the CLIP feature type of the image features ({@code RN101}) */
    public String featureType() {
        return featureType;
    }

    /** @return whether the final test runs on the tasks that have a labelled test split */
    public boolean test() {
        return test;
    }

    /** @return reader options with this recipe's task-prompt choice */
    public ReaderOptions readerOptions() {
        return ReaderOptions.builder().taskPrompts(taskPrompts).build();
    }

    /**
     * @param task a task
     * @return its training split in the release layout
     */
    public String trainSplit(Task task) {
        return task.spec().splits().train();
    }

    /**
     * @param task a task
     * @return the split evaluated after every epoch
     */
    public String validationSplit(Task task) {
        return task.spec().splits().validation();
    }

    /**
     * The split the final test evaluates, when the release has labels for it: VQA and COCO {@code
     * karpathy_test}, NLVR2 {@code test}, GQA {@code testdev} (the paper's GQA number; the same split
     * validates). Video test files carry no labels (they go to the VALUE server): video tasks are reported
     * on their validation split.
     *
     * @param task a task
     * @return the labelled test split, or empty
     */
    public Optional<String> testSplit(Task task) {
        TaskSpec.Splits splits = task.spec().splits();
        return splits.testLabelled() ? Optional.of(splits.test()) : Optional.empty();
    }

    /**
     * @param task a task
     * @return the split whose score the results table reports: the test split when the final test runs and
     *     has labels, otherwise the validation split
     */
    public String reportedSplit(Task task) {
        return test ? testSplit(task).orElse(validationSplit(task)) : validationSplit(task);
    }

    /** @return the values, by name, as recorded in {@code run.json} */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("tasks", tasks.stream().map(Task::key).toList());
        m.put("epochs", epochs);
        m.put("learning_rate", learningRate);
        m.put("base_batch_size", baseBatchSize);
        m.put("warmup_ratio", warmupRatio);
        m.put("clip_norm", clipNorm);
        m.put("seed", seed);
        m.put("eval_batch_size", evalBatchSize);
        m.put("task_prompts", taskPrompts);
        m.put("feature_type", featureType);
        m.put("test", test);
        return m;
    }

    @Override
    public String toString() {
        return "Recipe" + asMap();
    }

    /** Builder of a {@link Recipe}; start from {@link Recipe#paper} and {@link Recipe#toBuilder()}. */
    public static final class Builder {
        private String method;
        private List<Task> tasks;
        private int epochs;
        private double learningRate;
        private int baseBatchSize;
        private double warmupRatio = 0.1;
        private double clipNorm = 5.0;
        private int seed = PaperSeed.VALUE;
        private int evalBatchSize = 64;
        private boolean taskPrompts;
        private String featureType = "RN101";
        private boolean test = true;

        private Builder() {}

        /**
         * @param epochs epochs (&gt;= 1)
         * @return this
         */
        public Builder epochs(int epochs) {
            this.epochs = positive("epochs", epochs);
            return this;
        }

        /**
         * @param learningRate peak learning rate (&gt; 0)
         * @return this
         */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param size base batch size (&gt;= 1)
         * @return this
         */
        public Builder baseBatchSize(int size) {
            this.baseBatchSize = positive("base batch size", size);
            return this;
        }

        /**
         * @param ratio warmup fraction in [0, 1]
         * @return this
         */
        public Builder warmupRatio(double ratio) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("warmup ratio must be in [0, 1], got " + ratio);
            }
            this.warmupRatio = ratio;
            return this;
        }

        /**
         * @param norm gradient-norm clip (0: none)
         * @return this
         */
        public Builder clipNorm(double norm) {
            this.clipNorm = norm;
            return this;
        }

        /**
         * @param seed training seed
         * @return this
         */
        public Builder seed(int seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param size evaluation batch size (&gt;= 1)
         * @return this
         */
        public Builder evalBatchSize(int size) {
            this.evalBatchSize = positive("evaluation batch size", size);
            return this;
        }

        /**
         * @param on whether inputs start with the task prompt
         * @return this
         */
        public Builder taskPrompts(boolean on) {
            this.taskPrompts = on;
            return this;
        }

        /**
         * @param type CLIP feature folder suffix ({@code RN101}, {@code RN50}, {@code RN50x4}, {@code ViT})
         * @return this
         */
        public Builder featureType(String type) {
            this.featureType = type;
            return this;
        }

        /**
         * @param on whether the final test runs (off: every task is reported on its validation split)
         * @return this
         */
        public Builder test(boolean on) {
            this.test = on;
            return this;
        }

        /** @return the recipe */
        public Recipe build() {
            return new Recipe(this);
        }

        private static int positive(String what, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be >= 1, got " + v);
            }
            return v;
        }
    }
}
