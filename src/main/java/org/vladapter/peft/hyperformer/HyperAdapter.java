package org.vladapter.peft.hyperformer;

import ai.djl.ndarray.NDArray;
import org.vladapter.backbone.SiteAdapter;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/**
 * A Hyperformer adapter at one site: {@code x + linear(gelu_new(linear(x, Wd, bd)), Wu, bu)} with weights
 * generated for the batch's task and this layer on every call. It owns no parameters (the shared
 * controllers live at the model root), so registering it adds no names.
 */
public final class HyperAdapter extends Module implements SiteAdapter {

    private final TaskEmbeddingController taskEmbeddings;
    private final AdapterLayersHyperNetController controller;
    private final int layer;
    private final BlockType blockType;

    /**
     * @param taskEmbeddings the shared task embeddings
     * @param controller the stack's hyper-networks
     * @param layer the layer index
     * @param blockType the block type of the site
     */
    public HyperAdapter(
            TaskEmbeddingController taskEmbeddings, AdapterLayersHyperNetController controller, int layer,
            BlockType blockType) {
        this.taskEmbeddings = taskEmbeddings;
        this.controller = controller;
        this.layer = layer;
        this.blockType = blockType;
    }

    /**
     * @param x sub-layer output [..., d]
     * @param ctx forward context (the task)
     * @return the generated adapter weights for this batch
     */
    public GeneratedAdapter weights(NDArray x, ForwardContext ctx) {
        NDArray t = taskEmbeddings.embedding(x.getManager(), ctx == null ? null : ctx.task());
        return controller.generate(t, layer, blockType);
    }

    @Override
    public NDArray apply(NDArray x, ForwardContext ctx) {
        return x.add(weights(x, ctx).branch(x));
    }

    @Override
    public Module asModule() {
        return this;
    }
}
