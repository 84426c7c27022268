package org.vladapter.reproduce;

import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.DatasetLayout;
import org.vladapter.tasks.Task;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A benchmark the {@code reproduce} job runs: its tasks (in the paper's column order), the methods of the
 * paper's table for it, the split each task is scored on, and where its data and default backbone live.
 *
 * <p>Image tasks are scored where the paper reports them: VQA Karpathy test, GQA test-dev, NLVR2 test-P,
 * COCO Karpathy test. The VL-Adapter release has no labels for the video test files (they go to the VALUE
 * server), so video tasks are scored on their validation splits.
 */
public enum Benchmark {
    /** ShapesWorld image-text: VQA-, GQA-, NLVR2- and COCO-like tasks; the 13 rows of the paper's image table. */
    SHAPES_IMAGE("shapes-image", Task.imageTasks(), List.of(
            MethodPreset.FULL_FINETUNING,
            MethodPreset.MULTIPLE_ADAPTERS,
            MethodPreset.HALF_SHARED_ADAPTERS,
            MethodPreset.SINGLE_ADAPTER,
            MethodPreset.HYPERFORMER,
            MethodPreset.MULTIPLE_COMPACTERS,
            MethodPreset.SINGLE_COMPACTER,
            MethodPreset.MULTIPLE_LORA,
            MethodPreset.SINGLE_LORA,
            MethodPreset.MULTIPLE_PROMPTS,
            MethodPreset.SINGLE_PROMPT,
            MethodPreset.VISUAL_PROJECTION_ONLY,
            MethodPreset.VISUAL_PROJECTION_LAYERNORM)),
    /** ShapesWorld video-text: TVQA-, How2QA-, TVC- and YC2C-like tasks; the 4 rows of the paper's video table. */
    SHAPES_VIDEO("shapes-video", Task.videoTasks(), List.of(
            MethodPreset.FULL_FINETUNING,
            MethodPreset.SINGLE_ADAPTER,
            MethodPreset.SINGLE_LORA,
            MethodPreset.SINGLE_PROMPT)),
    /**
     * The VL-Adapter image-text release (the Hub dataset {@code ylsung/VL-Adapter-datasets} in place, or its
     * restored .h5 tree; {@code --data} required), the 13 rows of the paper's image table at the paper's
     * scale, with its published VL-BART scores beside ({@link PaperScores}).
     */
    VL_ADAPTER_IMAGE("vl-adapter-image", Task.imageTasks(), SHAPES_IMAGE.methods),
    /** The VL-Adapter video-text data (VALUE annotations and CLIP-ViT features; {@code --data} required), 4 rows. */
    VL_ADAPTER_VIDEO("vl-adapter-video", Task.videoTasks(), SHAPES_VIDEO.methods);

    /** The default backbone name of the image benchmarks: the small pretrained VL-BART shipped with ShapesWorld. */
    public static final String DEFAULT_BACKBONE = "shapes-bart";

    /**
     * The backbone a benchmark uses when none is given: {@code shapes-t5} for the video benchmarks, because the
     * video inputs keep up to 600 text tokens (the paper's truncation) and the small shipped BART has 512
     * positions, while T5's relative positions have no such limit; {@value #DEFAULT_BACKBONE} otherwise. (The
     * paper's video table is VL-BART's: pass {@code --backbone shapes-bart} with shorter inputs, or a real BART.)
     *
     * @return the default backbone name
     */
    public String defaultBackbone() {
        return isVideo() ? "shapes-t5" : DEFAULT_BACKBONE;
    }

    private final String cliName;
    private final List<Task> tasks;
    private final List<MethodPreset> methods;

    Benchmark(String cliName, List<Task> tasks, List<MethodPreset> methods) {
        this.cliName = cliName;
        this.tasks = tasks;
        this.methods = methods;
    }

    /** @return whether this is the real VL-Adapter data at the paper's scale (no bundled data folder) */
    public boolean isPaperScale() {
        return this == VL_ADAPTER_IMAGE || this == VL_ADAPTER_VIDEO;
    }

    /** @return the command-line name, e.g. {@code shapes-image} */
    public String cliName() {
        return cliName;
    }

    /** @return the tasks, in the paper's column order */
    public List<Task> tasks() {
        return tasks;
    }

    /** @return the methods of the paper's table for this benchmark, in the paper's row order */
    public List<MethodPreset> methods() {
        return methods;
    }

    /** @return whether the tasks are video tasks */
    public boolean isVideo() {
        return tasks.get(0).modality() == Task.Modality.VIDEO;
    }

    /**
     * @param task one of the tasks
     * @return the split the task is scored on (image: the paper's test splits; video: validation)
     */
    public String evaluationSplit(Task task) {
        return task.spec().splits().testLabelled() ? DatasetLayout.testSplit(task) : DatasetLayout.validationSplit(task);
    }

    /**
     * @param task one of the tasks
     * @return the training split of the released scripts
     */
    public String trainSplit(Task task) {
        return DatasetLayout.trainSplit(task);
    }

    /** @return the default run folder, {@code runs/reproduce-<benchmark>} */
    public Path defaultOutput() {
        return Path.of("runs", "reproduce-" + cliName);
    }

    /**
     * @param name a command-line name ({@code shapes-image}) or enum name, any case
     * @return the benchmark
     * @throws IllegalArgumentException listing the known names
     */
    public static Benchmark fromCliName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Benchmark b : values()) {
            if (b.cliName.equals(n) || b.name().toLowerCase(Locale.ROOT).equals(n)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: "
                + Arrays.stream(values()).map(Benchmark::cliName).collect(Collectors.joining(", ")));
    }

    /**
     * @param methods comma-separated method names, or {@code null}/blank for all of this benchmark's rows
     * @return the methods, in the order given
     * @throws IllegalArgumentException naming an unknown or repeated method
     */
    public List<MethodPreset> parseMethods(String methods) {
        if (methods == null || methods.isBlank() || methods.trim().equals("all")) {
            return this.methods;
        }
        List<MethodPreset> out = new java.util.ArrayList<>();
        for (String m : methods.split(",")) {
            if (m.isBlank()) {
                continue;
            }
            MethodPreset p = MethodPreset.fromCliName(m);
            if (out.contains(p)) {
                throw new IllegalArgumentException("method '" + p.cliName() + "' is given twice in --methods");
            }
            out.add(p);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--methods names no method");
        }
        return out;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
