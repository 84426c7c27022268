package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
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

    /** @return the prompt length P */
    int length();

    /** @return this provider as a module, registered under the encoder as {@code prompt_modules} */
    Module asModule();
}
