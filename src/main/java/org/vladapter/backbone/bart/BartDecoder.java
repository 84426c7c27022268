package org.vladapter.backbone.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.initializer.NormalInitializer;
import org.vladapter.backbone.DecoderCache;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.Masks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.LayerNorm;
import org.vladapter.nn.Module;
import org.vladapter.nn.ModuleList;
import org.vladapter.nn.Ops;

/** BART's decoder: token + learned position embeddings, {@code layernorm_embedding}, post-LN layers. */
public final class BartDecoder extends Module {

    private final ModelConfig config;
    private final EmbeddingTable shared;
    private final EmbeddingTable positions;
    private final LayerNorm embeddingNorm;
    private final ModuleList<BartDecoderLayer> layers;

    /**
     * @param config model configuration
     * @param hooks PEFT hooks
     * @param shared the shared token embedding (registered by the parent)
     */
    public BartDecoder(ModelConfig config, LayerHooks hooks, EmbeddingTable shared) {
        this.config = config;
        this.shared = shared;
        positions = module("embed_positions", new EmbeddingTable(
                config.maxPositions() + BartEncoder.POSITION_OFFSET, config.dModel(), new NormalInitializer(config.initStd())));
        layers = module("layers", new ModuleList<>());
        for (int i = 0; i < config.decoderLayers(); i++) {
            layers.add(new BartDecoderLayer(config, hooks, i));
        }
        embeddingNorm = module("layernorm_embedding", new LayerNorm(config.dModel(), config.layerNormEps()));
    }

    /**
     * @param ids [B, T] decoder tokens (only the new ones when a cache holds the earlier ones)
     * @param encoder encoder output
     * @param cache generation cache or {@code null}
     * @param ctx forward context
     * @return [B, T, d]
     */
    public NDArray forward(NDArray ids, EncoderOutput encoder, DecoderCache cache, ForwardContext ctx) {
        NDManager m = ids.getManager();
        long t = ids.getShape().get(1);
        long past = cache == null ? 0 : cache.pastLength();
        NDArray embeds = shared.forward(ids);
        if (config.scaleEmbedding()) {
            embeds = org.vladapter.nn.Ops.scale(embeds, (float) Math.sqrt(config.dModel()));
        }
        NDArray positionIds = m.arange(past + BartEncoder.POSITION_OFFSET, past + t + BartEncoder.POSITION_OFFSET, 1, DataType.INT64);
        NDArray h = embeddingNorm.forward(embeds.add(positions.forward(positionIds)));
        h = Ops.dropout(h, config.dropout(), ctx);
        NDArray selfBias = Masks.causal(m, t, past);
        NDArray crossBias = Masks.padding(encoder.mask());
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, selfBias, encoder.hidden(), crossBias,
                    cache == null ? null : cache.self(i), cache == null ? null : cache.cross(i), ctx);
        }
        return h;
    }
}
