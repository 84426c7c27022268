package org.vladapter.peft.hyperformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import org.vladapter.nn.Module;
import org.vladapter.backbone.ModelType;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.LayerNorm;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The hyper-networks of one stack (registered at the root as {@code encoder.adapter_layers_hyper_net} /
 * {@code decoder.adapter_layers_hyper_net}). For layer {@code l} and task embedding {@code t}:
 * {@code z = LayerNorm(task_hypernet([t ; layer_id_embeddings[l]]))} (eps 1e-6), then for each block type
 * the up- and down-sampler generators turn z into the adapter's weights.
 *
 * <p>Children (original names): {@code layer_id_embeddings}, {@code task_hypernet}, {@code LayerNorm},
 * then {@code {block}_up_sampler_hyper_net} and {@code {block}_down_sampler_hyper_net} per block type.
 */
public final class AdapterLayersHyperNetController extends Module {

    private final EmbeddingTable layerIdEmbeddings;
    private final TaskHyperNet taskHyperNet;
    private final LayerNorm layerNorm;
    private final Map<BlockType, SamplerHyperNet> up = new EnumMap<>(BlockType.class);
    private final Map<BlockType, SamplerHyperNet> down = new EnumMap<>(BlockType.class);
    private final int numLayers;
    private final long dModel;

    /**
     * @param config the Hyperformer options
     * @param numLayers the number of layers of the stack
     * @param dModel the hidden size d
     * @param bottleneck the adapter bottleneck m
     * @param blockTypes the block types to generate adapters for
     * @param kind initialisation style
     */
    public AdapterLayersHyperNetController(
            HyperformerConfig config, int numLayers, long dModel, long bottleneck, Set<BlockType> blockTypes,
            ModelType kind) {
        this.numLayers = numLayers;
        this.dModel = dModel;
        int e = config.taskEmbeddingDim();
        int p = config.projectedTaskEmbeddingDim();
        this.layerIdEmbeddings = module("layer_id_embeddings", new EmbeddingTable(numLayers, e, HyperInit.layerEmbedding(kind)));
        this.taskHyperNet = module("task_hypernet", new TaskHyperNet(2L * e, config.taskHiddenDim(), p, kind));
        this.layerNorm = module("LayerNorm", new LayerNorm(p, 1e-6f));
        for (BlockType type : BlockType.values()) {
            if (blockTypes.contains(type)) {
                up.put(type, module(type.prefix() + "_up_sampler_hyper_net", new SamplerHyperNet(p, dModel, bottleneck, kind)));
                down.put(type, module(type.prefix() + "_down_sampler_hyper_net", new SamplerHyperNet(p, bottleneck, dModel, kind)));
            }
        }
    }

    /**
     * @param taskEmbedding the task embedding [e], owned by the batch's manager
     * @param layer the layer index
     * @return z [p]
     */
    public NDArray z(NDArray taskEmbedding, int layer) {
        if (layer < 0 || layer >= numLayers) {
            throw new IllegalArgumentException("layer " + layer + " outside this stack's [0, " + numLayers + ")");
        }
        NDArray layerEmbedding = layerIdEmbeddings.rows(taskEmbedding.getManager(), layer).reshape(-1);
        NDArray joint = NDArrays.concat(new NDList(taskEmbedding.reshape(-1), layerEmbedding));
        return layerNorm.forward(taskHyperNet.forward(joint)).reshape(-1);
    }

    /**
     * @param taskEmbedding the task embedding [e], owned by the batch's manager
     * @param layer the layer index
     * @param type the block type
     * @return the generated adapter weights
     * @throws IllegalArgumentException when this controller has no generators for the block type
     */
    public GeneratedAdapter generate(NDArray taskEmbedding, int layer, BlockType type) {
        SamplerHyperNet u = up.get(type);
        SamplerHyperNet d = down.get(type);
        if (u == null) {
            throw new IllegalArgumentException("this stack's hyper-network has no generators for " + type + "; it has " + up.keySet());
        }
        NDArray z = z(taskEmbedding, layer);
        return new GeneratedAdapter(d.weight(z), d.bias(z), u.weight(z), u.bias(z));
    }

    /** @return the number of layers */
    public int numLayers() {
        return numLayers;
    }

    /** @return the hidden size the generated adapters act on */
    public long dModel() {
        return dModel;
    }

    /** @return the block types with generators */
    public Set<BlockType> blockTypes() {
        return up.keySet();
    }
}
