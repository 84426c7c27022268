package org.vladapter.tasks;

import java.util.EnumMap;
import java.util.Map;

/**
 * How readers build input strings.
 *
 * <p>Task prompts ({@code --use_tasks_prompts}) are on by default, as in the paper's headline single-adapter
 * scripts and all video scripts; turn them off for the image scripts that run without them (full
 * fine-tuning, multiple adapters/compacters/LoRA/prompts, Hyperformer), spec section 1.4. Image prompts go
 * before the text, video prompts after it. GQA keeps the original {@code "gpa: "} typo unless overridden,
 * e.g. {@code prompt(Task.GQA, "gqa: ")}.
 */
public final class ReaderOptions {

    private final boolean taskPrompts;
    private final Map<Task, String> prompts;

    private ReaderOptions(Builder builder) {
        this.taskPrompts = builder.taskPrompts;
        this.prompts = new EnumMap<>(builder.prompts);
    }

    /** @return options with task prompts on and the original prompt strings */
    public static ReaderOptions defaults() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether task prompts are used */
    public boolean taskPrompts() {
        return taskPrompts;
    }

    /**
     * @param task a task
     * @return the prompt the readers use for it: {@code ""} when prompts are off
     */
    public String prompt(Task task) {
        if (!taskPrompts) {
            return "";
        }
        return prompts.getOrDefault(task, task.prefix());
    }

    /** Builder of {@link ReaderOptions}. */
    public static final class Builder {
        private boolean taskPrompts = true;
        private final Map<Task, String> prompts = new EnumMap<>(Task.class);

        private Builder() {}

        /**
         * @param taskPrompts whether to use task prompts (default {@code true})
         * @return this builder
         */
        public Builder taskPrompts(boolean taskPrompts) {
            this.taskPrompts = taskPrompts;
            return this;
        }

        /**
         * Replaces the prompt string of a task (used only when task prompts are on).
         *
         * @param task the task
         * @param prompt the prompt, e.g. {@code "gqa: "}
         * @return this builder
         */
        public Builder prompt(Task task, String prompt) {
            prompts.put(task, prompt);
            return this;
        }

        /** @return the options */
        public ReaderOptions build() {
            return new ReaderOptions(this);
        }
    }
}
