package org.vladapter.backbone.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.initializer.NormalInitializer;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.backbone.LayerHooks;
import org.vladapter.backbone.Masks;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.PromptProvider;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.LayerNorm;
import org.vladapter.nn.Module;
import org.vladapter.nn.ModuleList;
import org.vladapter.nn.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * BART's encoder with VL-BART's joint input: {@code [prompt; text + positions]} through
 * {@code layernorm_embedding}, then visual tokens appended (they skip that norm), dropout, layers.
 */
public final class BartEncoder extends Module {

    /** BART's learned positions start at row 2. */
    public static final int POSITION_OFFSET = 2;

    private final ModelConfig config;
    private final EmbeddingTable shared;
    private final EmbeddingTable positions;
    private final LayerNorm embeddingNorm;
    private final ModuleList<BartEncoderLayer> layers;
    private final PromptProvider prompt;
    private final Module visualEmbedding;

    /**
     * @param config model configuration
     * @param hooks PEFT hooks
     * @param shared the shared token embedding (registered by the parent)
     * @param visualEmbedding the visual embedding, registered here as {@code visual_embedding}, or {@code null}
     */
    public BartEncoder(ModelConfig config, LayerHooks hooks, EmbeddingTable shared, Module visualEmbedding) {
        this.config = config;
        this.shared = shared;
        positions = module("embed_positions",
                new EmbeddingTable(config.maxPositions() + POSITION_OFFSET, config.dModel(), new NormalInitializer(config.initStd())));
        layers = module("layers", new ModuleList<>());
        for (int i = 0; i < config.encoderLayers(); i++) {
            layers.add(new BartEncoderLayer(config, hooks, i));
        }
        embeddingNorm = module("layernorm_embedding", new LayerNorm(config.dModel(), config.layerNormEps()));
        prompt = hooks.encoderPrompt(config.dModel());
        if (prompt != null) {
            module("prompt_modules", prompt.asModule());
        }
        this.visualEmbedding = visualEmbedding == null ? null : module("visual_embedding", visualEmbedding);
    }

    /** @return the visual embedding, or {@code null} */
    public Module visualEmbedding() {
        return visualEmbedding;
    }

    /**
     * @param input text (ids or embeddings), mask and visual tokens
     * @param ctx forward context
     * @return the encoder output over [prompt; text; visual]
     */
    public EncoderOutput encode(EncoderInput input, ForwardContext ctx) {
        NDArray textMask = input.attentionMask().toType(DataType.FLOAT32, false);
        NDManager m = textMask.getManager();
        long b = input.batchSize();
        long l = input.textLength();
        NDArray embeds = input.inputIds() != null ? shared.forward(input.inputIds()) : input.inputsEmbeds();
        if (config.scaleEmbedding()) {
            embeds = org.vladapter.nn.Ops.scale(embeds, (float) Math.sqrt(config.dModel()));
        }
        NDArray positionIds = m.arange(POSITION_OFFSET, POSITION_OFFSET + l, 1, DataType.INT64);
        NDArray h = embeds.add(positions.forward(positionIds));
        List<NDArray> maskParts = new ArrayList<>();
        if (prompt != null) {
            NDArray p = prompt.prompt(m, b, ctx);
            h = NDArrays.concat(new NDList(p, h), 1);
            maskParts.add(m.ones(new ai.djl.ndarray.types.Shape(b, prompt.length())));
        }
        maskParts.add(textMask);
        h = embeddingNorm.forward(h);
        if (input.visualEmbeds() != null) {
            NDArray v = input.visualEmbeds();
            h = NDArrays.concat(new NDList(h, v), 1);
            maskParts.add(input.visualMask() != null
                    ? input.visualMask().toType(DataType.FLOAT32, false)
                    : m.ones(new ai.djl.ndarray.types.Shape(b, v.getShape().get(1))));
        }
        h = Ops.dropout(h, config.dropout(), ctx);
        NDArray mask = maskParts.size() == 1 ? textMask : NDArrays.concat(new NDList(maskParts.toArray(new NDArray[0])), 1);
        NDArray bias = Masks.padding(mask);
        List<NDArray> states = new ArrayList<>();
        states.add(h);
        for (BartEncoderLayer layer : layers.items()) {
            h = layer.forward(h, bias, ctx);
            states.add(h);
        }
        return new EncoderOutput(h, mask, states);
    }
}
