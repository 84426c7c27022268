package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/** Supplies prompt embeddings prepended to the encoder input (prompt tuning). */
public interface PromptProvider {

    /**
     * @param batchSize the batch size
     * @param ctx forward context (task routing)
     * @return prompt embeddings [B, P, d]
     */
    NDArray prompt(long batchSize, ForwardContext ctx);

    /**
     * Prompt embeddings owned by the given manager. A prompt is computed from parameters only, so without
     * a manager its result would belong to the parameters' long-lived manager; backbones should call this
     * overload with the batch's manager (e.g. {@code inputEmbeds.getManager()}).
     *
     * @param manager the manager of the result (the batch's)
     * @param batchSize the batch size
     * @param ctx forward context (task routing)
     * @return prompt embeddings [B, P, d]
     */
    default NDArray prompt(NDManager manager, long batchSize, ForwardContext ctx) {
        return prompt(batchSize, ctx);
    }

    /** @return the prompt length P */
    int length();

    /** @return this provider as a module, registered under the encoder as {@code prompt_modules} */
    Module asModule();
}
