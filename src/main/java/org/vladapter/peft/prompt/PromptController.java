package org.vladapter.peft.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.vladapter.backbone.PromptProvider;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;
import org.vladapter.peft.TaskRouted;

/**
 * The encoder's prompts, routed per task (child {@code prompts}); the backbone registers it under the
 * encoder as {@value #MODULE_NAME}, giving e.g. {@code encoder.prompt_modules.prompts.vqa.prefix_embedding.0.weight}.
 */
public final class PromptController extends Module implements PromptProvider {

    /** Where the backbone registers this module; {@link org.vladapter.peft.TrainableSelector} keys on it. */
    public static final String MODULE_NAME = "prompt_modules";

    private final TaskRouted<InputPrompts> prompts;
    private final int length;

    /**
     * @param prompts the routed prompts
     */
    public PromptController(TaskRouted<InputPrompts> prompts) {
        this.prompts = module("prompts", prompts);
        this.length = (int) prompts.modules().values().iterator().next().length();
    }

    /**
     * {@inheritDoc} The result belongs to the parameters' manager: prefer
     * {@link #prompt(NDManager, long, ForwardContext)}.
     */
    @Override
    public NDArray prompt(long batchSize, ForwardContext ctx) {
        InputPrompts p = prompts.route(ctx);
        return p.prompt(p.namedParameters().values().iterator().next().getArray().getManager(), batchSize);
    }

    @Override
    public NDArray prompt(NDManager manager, long batchSize, ForwardContext ctx) {
        return prompts.route(ctx).prompt(manager, batchSize);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public Module asModule() {
        return this;
    }

    /** @return the routed prompts */
    public TaskRouted<InputPrompts> prompts() {
        return prompts;
    }
}
