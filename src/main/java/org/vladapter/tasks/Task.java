package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureShape;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The registry of tasks: one line per task, each naming its {@link TaskSpec} (input format and truncation,
 * splits, batch-size share, loss, decoding, reader, metric, submission format), which is built in the task's
 * own file ({@code VqaSpec}, ...). The eight vision-and-language tasks of VL-Adapter, keyed as in the original
 * code.
 *
 * <p>The key routes a batch to its per-task PEFT modules and names the task in checkpoints and
 * reports. Prompts are the original task prompts (docs/behaviour.md#input-formats), including GQA's {@code "gpa: "}
 * typo; image prompts go before the text, video prompts after it. Adding a task: docs/extending.md.
 */
public enum Task {
    /** VQAv2 (Karpathy splits), answer generation, score-weighted loss. */
    VQA(VqaSpec.SPEC),
    /** GQA (balanced), answer generation. */
    GQA(GqaSpec.SPEC),
    /** NLVR2, true/false over two images. */
    NLVR2(Nlvr2Spec.SPEC),
    /** COCO captioning (Karpathy splits). */
    COCO_CAPTION(CocoCaptionSpec.SPEC),
    /** TVQA multiple-choice video QA. */
    TVQA(TvqaSpec.SPEC),
    /** How2QA multiple-choice video QA. */
    HOW2QA(How2qaSpec.SPEC),
    /** TV show captioning. */
    TVC(TvcSpec.SPEC),
    /** YouCook2 captioning. */
    YC2C(Yc2cSpec.SPEC);

    /** Image or video input. */
    public enum Modality {
        /** CLIP grid features of one or two images. */
        IMAGE,
        /** Per-frame CLIP features of a clip. */
        VIDEO;

        /**
         * The modality of a run: video when every task is a video task (the paper trains image and video tasks
         * separately), image otherwise.
         *
         * @param tasks the run's tasks
         * @return {@link #VIDEO} when all are video tasks, else {@link #IMAGE}
         */
        public static Modality of(List<Task> tasks) {
            return !tasks.isEmpty() && tasks.stream().allMatch(t -> t.modality() == VIDEO) ? VIDEO : IMAGE;
        }

        /**
         * The library's one rule for the visual feature width: the release's CLIP RN101 grid features (2048) for
         * images, the VALUE {@code clip-vit} frame features (512) for video.
         *
         * @return 2048 for images, 512 for video
         */
        public int featureDim() {
            return (this == VIDEO ? FeatureShape.CLIP_VIT_FRAMES : FeatureShape.CLIP_RN101_GRID).columns();
        }
    }

    private final TaskSpec spec;

    Task(TaskSpec spec) {
        this.spec = spec;
    }

    /** @return everything the library knows about the task */
    public TaskSpec spec() {
        return spec;
    }

    /** @return the original task key ({@code vqa}, {@code gqa}, {@code nlvr}, {@code caption}, ...) */
    public String key() {
        return spec.key();
    }

    /** @return image or video */
    public Modality modality() {
        return spec.modality();
    }

    /** @return the task prompt used when task prompts are on */
    public String prefix() {
        return spec.prompt();
    }

    /**
     * The truncation length of the encoder input as the original data code passes it to
     * {@code tokenizer.encode(..., max_length=n, truncation=True)} (docs/behaviour.md#input-formats): VQA and GQA 20,
     * caption 40, video 600, NLVR2 no truncation.
     *
     * @return the maximum number of input ids including special tokens; 0 means no truncation
     */
    public int maxInputLength() {
        return spec.maxInputLength();
    }

    /**
     * The truncation length of the target (docs/behaviour.md#input-formats): VQA 10, caption 40, video 20, GQA and NLVR2
     * no truncation.
     *
     * @return the maximum number of target ids including special tokens; 0 means no truncation
     */
    public int maxTargetLength() {
        return spec.maxTargetLength();
    }

    /** @return the four image tasks in the paper's order */
    public static List<Task> imageTasks() {
        return List.of(VQA, GQA, NLVR2, COCO_CAPTION);
    }

    /** @return the four video tasks in the paper's order */
    public static List<Task> videoTasks() {
        return List.of(TVQA, HOW2QA, TVC, YC2C);
    }

    /**
     * Looks a task up by key or enum name, case-insensitively.
     *
     * @param name e.g. {@code vqa}, {@code caption}, {@code COCO_CAPTION}
     * @return the task
     * @throws IllegalArgumentException naming the known tasks when the name is unknown
     */
    public static Task of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Task t : values()) {
            if (t.key().equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n)) {
                return t;
            }
        }
        if (n.equals("nlvr2")) {
            return NLVR2;
        }
        throw new IllegalArgumentException(
                "unknown task '" + name + "'; known tasks: "
                        + Arrays.stream(values()).map(Task::key).collect(Collectors.joining(", ")));
    }

    /**
     * @param commaSeparated e.g. {@code vqa,gqa,nlvr,caption}
     * @return the tasks in the given order
     */
    public static List<Task> parseList(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Task::of)
                .collect(Collectors.toList());
    }
}
