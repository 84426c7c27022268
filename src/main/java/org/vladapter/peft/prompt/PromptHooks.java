package org.vladapter.peft.prompt;

import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.PromptProvider;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.TaskRouted;

import java.util.List;

/** Supplies the encoder prompt ({@link PromptController}); every other hook keeps the plain backbone. */
public final class PromptHooks implements LayerHooks {

    private final PromptConfig config;
    private final List<String> tasks;
    private final ModelType kind;
    private PromptController controller;
    private long builtFor;

    /**
     * @param config the prompt options
     * @param tasks the task keys
     * @param kind BART or T5 (initialisation)
     */
    public PromptHooks(PromptConfig config, List<String> tasks, ModelType kind) {
        this.config = config;
        this.tasks = List.copyOf(tasks);
        this.kind = kind;
    }

    /**
     * {@inheritDoc} Built on the first call; later calls return the same controller.
     *
     * @throws IllegalArgumentException when called again with another hidden size
     */
    @Override
    public synchronized PromptProvider encoderPrompt(long dModel) {
        if (controller == null) {
            controller = new PromptController(TaskRouted.of(config.sharing().orElseThrow(), tasks,
                    task -> new InputPrompts(config.promptLength(), dModel, config.midDim(), kind)));
            builtFor = dModel;
        } else if (builtFor != dModel) {
            throw new IllegalArgumentException("prompts were built for d_model " + builtFor + ", asked again for " + dModel);
        }
        return controller;
    }
}
