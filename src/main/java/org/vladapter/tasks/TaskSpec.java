package org.vladapter.tasks;

import java.util.Objects;

/**
 * Everything the library knows about one task, in one object: its key, modality, task prompt and
 * truncation lengths (the input format), its splits (and whether the test split is labelled), its share of
 * the paper's batch size, how its loss is reduced, how it is decoded, how it is read from the release
 * layout, how it is scored and how its predictions are submitted. The model, the readers, the evaluation,
 * the prediction files, the recipe, the reports and the CLI all ask the task's spec; nothing else branches on
 * the task.
 *
 * <p>Each task's spec is built in its own file ({@code VqaSpec}, {@code GqaSpec}, ...) and registered with
 * one line in {@link Task}, the registry; the ShapesWorld benchmark writes the same release layout, so its
 * tasks use the same specs. docs/extending.md shows how to add one.
 */
public final class TaskSpec {

    /** The splits of a task in the release layout. */
    public record Splits(String train, String validation, String test, boolean testLabelled) {

        /**
         * @param train the training split ({@code karpathy_train}; several separated by commas)
         * @param validation the split evaluated after every epoch
         * @param test the split of the final test
         * @param testLabelled whether the release has labels for the test split (the video test files go to the
         *     VALUE server without labels: those tasks are reported on their validation split)
         */
        public Splits {
            Objects.requireNonNull(train, "train split");
            Objects.requireNonNull(validation, "validation split");
            Objects.requireNonNull(test, "test split");
        }
    }

    private final String key;
    private final Task.Modality modality;
    private final String prompt;
    private final int maxInputLength;
    private final int maxTargetLength;
    private final Splits splits;
    private final int batchSixtieths;
    private final LossReduction loss;
    private final Decoding decoding;
    private final TaskReader reader;
    private final TaskMetric metric;
    private final SubmissionFormat submission;
    private final String videoSource;
    private final int colour;

    private TaskSpec(Builder b) {
        this.key = b.key;
        this.modality = b.modality;
        this.prompt = b.prompt;
        this.maxInputLength = b.maxInputLength;
        this.maxTargetLength = b.maxTargetLength;
        this.splits = b.splits;
        this.batchSixtieths = b.batchSixtieths;
        this.loss = b.loss;
        this.decoding = b.decoding;
        this.reader = b.reader;
        this.metric = b.metric;
        this.submission = b.submission;
        this.videoSource = b.videoSource;
        this.colour = b.colour;
    }

    /**
     * @param key the original task key ({@code vqa}, {@code caption}, ...)
     * @param modality image or video
     * @return a builder; {@link Builder#build()} names what is missing
     */
    public static Builder builder(String key, Task.Modality modality) {
        return new Builder(key, modality);
    }

    /** @return the original task key ({@code vqa}, {@code gqa}, {@code nlvr}, {@code caption}, ...) */
    public String key() {
        return key;
    }

    /** @return image or video */
    public Task.Modality modality() {
        return modality;
    }

    /** @return the task prompt used when task prompts are on (image prompts go before the text, video after) */
    public String prompt() {
        return prompt;
    }

    /** @return the encoder input's truncation length including special tokens; 0 means no truncation */
    public int maxInputLength() {
        return maxInputLength;
    }

    /** @return the target's truncation length including special tokens; 0 means no truncation */
    public int maxTargetLength() {
        return maxTargetLength;
    }

    /** @return the task's splits in the release layout */
    public Splits splits() {
        return splits;
    }

    /**
     * The released scripts' per-task batch size for a base batch size b: {@code int(b · n / 60)} with the
     * task's n (VQA and the video tasks 60, i.e. b itself; GQA 100; NLVR2 20; COCO captions 50), at least 1.
     *
     * @param base the base batch size
     * @return the task's batch size
     */
    public int batchSize(int base) {
        return Math.max(1, base * batchSixtieths / 60);
    }

    /** @return how the per-token losses of a batch become the batch's loss */
    public LossReduction loss() {
        return loss;
    }

    /** @return how predictions are decoded at evaluation time */
    public Decoding decoding() {
        return decoding;
    }

    /** @return how a split is read from the release layout */
    public TaskReader reader() {
        return reader;
    }

    /** @return the task's metric */
    public TaskMetric metric() {
        return metric;
    }

    /** @return the official submission format of the predictions */
    public SubmissionFormat submission() {
        return submission;
    }

    /** @return the VALUE source folder of a video task ({@code tv}, {@code how2}, {@code yc2}); {@code null} for images */
    public String videoSource() {
        return videoSource;
    }

    /** @return the task's colour in every chart, as 0xRRGGBB */
    public int colour() {
        return colour;
    }

    @Override
    public String toString() {
        return "TaskSpec[" + key + ", " + modality + "]";
    }

    /** Builder of a {@link TaskSpec}: key and modality are given; splits, loss, decoding, reader, metric and submission are required. */
    public static final class Builder {
        private final String key;
        private final Task.Modality modality;
        private String prompt = "";
        private int maxInputLength;
        private int maxTargetLength;
        private Splits splits;
        private int batchSixtieths = 60;
        private LossReduction loss;
        private Decoding decoding;
        private TaskReader reader;
        private TaskMetric metric;
        private SubmissionFormat submission;
        private String videoSource;
        private int colour = 0x808080;

        private Builder(String key, Task.Modality modality) {
            this.key = Objects.requireNonNull(key, "task key");
            this.modality = Objects.requireNonNull(modality, "modality of task " + key);
        }

        /**
         * @param prompt the task prompt ({@code "vqa: "})
         * @return this
         */
        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        /**
         * @param input encoder input truncation (0: none)
         * @param target target truncation (0: none)
         * @return this
         */
        public Builder truncation(int input, int target) {
            this.maxInputLength = input;
            this.maxTargetLength = target;
            return this;
        }

        /**
         * @param train training split
         * @param validation validation split
         * @param test test split
         * @param testLabelled whether the test split has labels
         * @return this
         */
        public Builder splits(String train, String validation, String test, boolean testLabelled) {
            this.splits = new Splits(train, validation, test, testLabelled);
            return this;
        }

        /**
         * @param n the task's batch size is {@code int(base · n / 60)} (default 60: the base batch size)
         * @return this
         */
        public Builder batchSixtieths(int n) {
            this.batchSixtieths = n;
            return this;
        }

        /**
         * @param loss the loss reduction
         * @return this
         */
        public Builder loss(LossReduction loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param decoding the decoding
         * @return this
         */
        public Builder decoding(Decoding decoding) {
            this.decoding = decoding;
            return this;
        }

        /**
         * @param reader opens a split of the release layout
         * @return this
         */
        public Builder reader(TaskReader reader) {
            this.reader = reader;
            return this;
        }

        /**
         * @param metric the metric
         * @return this
         */
        public Builder metric(TaskMetric metric) {
            this.metric = metric;
            return this;
        }

        /**
         * @param submission the official submission format ({@link SubmissionFormat#NONE} for none)
         * @return this
         */
        public Builder submission(SubmissionFormat submission) {
            this.submission = submission;
            return this;
        }

        /**
         * @param source VALUE source folder of a video task ({@code tv}, {@code how2}, {@code yc2})
         * @return this
         */
        public Builder videoSource(String source) {
            this.videoSource = source;
            return this;
        }

        /**
         * @param rgb chart colour, 0xRRGGBB
         * @return this
         */
        public Builder colour(int rgb) {
            this.colour = rgb;
            return this;
        }

        /** @return the spec */
        public TaskSpec build() {
            require(splits, "splits");
            require(loss, "loss");
            require(decoding, "decoding");
            require(reader, "reader");
            require(metric, "metric");
            require(submission, "submission");
            if (modality == Task.Modality.VIDEO && videoSource == null) {
                throw new IllegalArgumentException("task spec '" + key + "': a video task needs videoSource(...)");
            }
            return new TaskSpec(this);
        }

        private void require(Object value, String what) {
            if (value == null) {
                throw new IllegalArgumentException("task spec '" + key + "' has no " + what + ": call " + what + "(...)");
            }
        }
    }
}
