package org.vladapter.peft;

import org.vladapter.peft.adapter.AdapterConfig;
import org.vladapter.peft.compacter.CompacterConfig;
import org.vladapter.peft.hyperformer.HyperformerConfig;
import org.vladapter.peft.lora.LoraConfig;
import org.vladapter.peft.prompt.PromptConfig;
import org.vladapter.tasks.Task;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The rows of the paper as command-line names: each maps to a {@link Method}, a {@link Sharing} (for
 * methods with per-task modules) and the config with the paper's best hyper-parameters; the config gives
 * the recipe's values (learning rate, batch size, task prompts: image scripts turn them on only for the
 * single-module variants, docs/behaviour.md#input-formats; every video script turns them on).
 */
public enum MethodPreset {
    /** Full fine-tuning. */
    FULL_FINETUNING("full-finetuning", () -> BaselineConfig.of(Method.FULL_FINETUNING)),
    /** One adapter per site shared by all tasks (the paper's best: 4.18 %). */
    SINGLE_ADAPTER("single-adapter", AdapterConfig::single),
    /** One adapter per task per site. */
    MULTIPLE_ADAPTERS("multiple-adapters", AdapterConfig::multiple),
    /** Shared up-projection, per-task down-projection. */
    HALF_SHARED_ADAPTERS("half-shared-adapters", AdapterConfig::halfShared),
    /** Hyper-network generated adapters. */
    HYPERFORMER("hyperformer", HyperformerConfig::paper),
    /** One Compacter per site shared by all tasks. */
    SINGLE_COMPACTER("single-compacter", CompacterConfig::single),
    /** One Compacter per task per site. */
    MULTIPLE_COMPACTERS("multiple-compacters", CompacterConfig::multiple),
    /** One LoRA pair per projection shared by all tasks. */
    SINGLE_LORA("single-lora", LoraConfig::single),
    /** One LoRA pair per task per projection. */
    MULTIPLE_LORA("multiple-lora", LoraConfig::multiple),
    /** One encoder prompt shared by all tasks. */
    SINGLE_PROMPT("single-prompt", PromptConfig::single),
    /** One encoder prompt per task. */
    MULTIPLE_PROMPTS("multiple-prompts", PromptConfig::multiple),
    /** Ablation: only the visual projection trains. */
    VISUAL_PROJECTION_ONLY("visual-projection-only", () -> BaselineConfig.of(Method.VISUAL_PROJECTION_ONLY)),
    /** Ablation: the visual projection and the LayerNorms train. */
    VISUAL_PROJECTION_LAYERNORM(
            "visual-projection-layernorm", () -> BaselineConfig.of(Method.VISUAL_PROJECTION_LAYERNORM));

    private final String cliName;
    private final Supplier<MethodConfig> config;

    MethodPreset(String cliName, Supplier<MethodConfig> config) {
        this.cliName = cliName;
        this.config = config;
    }

    /** @return the command-line name, e.g. {@code single-adapter} */
    public String cliName() {
        return cliName;
    }

    /** @return a new config with the paper's hyper-parameters */
    public MethodConfig defaultConfig() {
        return config.get();
    }

    /** @return the method */
    public Method method() {
        return defaultConfig().method();
    }

    /** @return single or multiple, empty for methods without per-task modules */
    public Optional<Sharing> sharing() {
        return defaultConfig().sharing();
    }

    /** @return whether the image scripts use task prompts with this method (docs/behaviour.md#input-formats) */
    public boolean usesTaskPrompts() {
        return usesTaskPrompts(Task.Modality.IMAGE);
    }

    /**
     * @param modality image or video tasks
     * @return whether the released scripts use task prompts: per method for images, always for video
     */
    public boolean usesTaskPrompts(Task.Modality modality) {
        return defaultConfig().paperTaskPrompts(modality);
    }

    /**
     * @param name a command-line name ({@code single-adapter}) or enum name ({@code SINGLE_ADAPTER}), any case
     * @return the preset
     * @throws IllegalArgumentException listing the known names
     */
    public static MethodPreset fromCliName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (MethodPreset p : values()) {
            if (p.cliName.equals(n) || p.name().toLowerCase(Locale.ROOT).equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; known: "
                + Arrays.stream(values()).map(MethodPreset::cliName).collect(Collectors.joining(", ")));
    }

    /**
     * The paper row a configuration belongs to: the preset with the same method and sharing (its options may
     * differ, e.g. another LoRA rank).
     *
     * @param config a method configuration
     * @return its row
     */
    public static MethodPreset of(MethodConfig config) {
        for (MethodPreset p : values()) {
            if (p.method() == config.method() && p.sharing().equals(config.sharing())) {
                return p;
            }
        }
        throw new IllegalArgumentException("no paper row for method " + config.method() + " with sharing "
                + config.sharing().map(Enum::name).orElse("none"));
    }

    /**
     * The one name of a configuration in every output (run records, results tables, reports): its paper row's
     * command-line name ({@code single-adapter}), or, for a method without a paper row, the method's name in
     * the same style with its sharing in front ({@code single-my-method}).
     *
     * @param config a method configuration
     * @return its name
     */
    public static String nameOf(MethodConfig config) {
        for (MethodPreset p : values()) {
            if (p.method() == config.method() && p.sharing().equals(config.sharing())) {
                return p.cliName;
            }
        }
        String method = config.method().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return config.sharing().map(s -> s.name().toLowerCase(Locale.ROOT) + "-" + method).orElse(method);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
