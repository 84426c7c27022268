package org.vladapter.peft.hyperformer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.vladapter.nn.Dense;
import org.vladapter.nn.Module;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.ModuleDict;

/**
 * {@code Linear(in→hidden) - ReLU - Linear(hidden→projected)}, named as the original's
 * {@code task_embeding_generator.{0,2}} (sic).
 */
public final class TaskHyperNet extends Module {

    private final Dense first;
    private final Dense second;

    /**
     * @param in input size (2e: task and layer embeddings)
     * @param hidden hidden size
     * @param projected output size p
     * @param kind initialisation style
     */
    public TaskHyperNet(long in, long hidden, long projected, ModelType kind) {
        ModuleDict generator = module("task_embeding_generator", new ModuleDict());
        this.first = generator.put("0", HyperInit.linear(in, hidden, kind));
        this.second = generator.put("2", HyperInit.linear(hidden, projected, kind));
    }

    /**
     * @param x input [..., in]
     * @return output [..., projected]
     */
    public NDArray forward(NDArray x) {
        return second.forward(Activation.relu(first.forward(x)));
    }
}
