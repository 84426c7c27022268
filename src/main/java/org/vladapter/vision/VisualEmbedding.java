package org.vladapter.vision;

import org.vladapter.backbone.ModelType;

import org.vladapter.nn.Initializers;
import org.vladapter.nn.LayerNorm;
import org.vladapter.nn.Norm;
import org.vladapter.nn.RmsNorm;

import org.vladapter.nn.EmbeddingTable;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import org.vladapter.nn.Dense;
import org.vladapter.nn.ForwardContext;
import org.vladapter.nn.Module;

/**
 * The trainable projection of visual features to the model width ({@code
 * model.encoder.visual_embedding} of VL-BART / VL-T5, docs/behaviour.md#visual-input step 2):
 *
 * <pre>
 * vis = norm(Linear_F→d(feats))                          feat_embedding.{0,1}
 *     + norm(Linear_5→d([x1, x2, y1, y2, area]))         absolute_vis_pos_embedding.{0,1}
 *     + img_order_embedding[img_order_id]                img_order_embedding.weight [2, d]
 *     + shared[vocab − obj_order_id − 1]                 the {@code <vis_extra_id_k>} rows of the token embedding
 * </pre>
 *
 * with {@code area = (y2 − y1)(x2 − x1)} computed from boxes laid out as {@code (x1, x2, y1, y2)}. There is
 * no normalisation after the sum. The object-order rows belong to the backbone's shared token embedding,
 * which is passed to {@link #forward} and is not a parameter of this module.
 *
 * <p>Initialisation follows the original: {@link ModelType#BART} applies BART's {@code _init_weights}
 * (Linear weights and the image-order table N(0, 0.02), biases 0, LayerNorm 1/0); {@link ModelType#T5} keeps
 * PyTorch's defaults because T5's {@code _init_weights} ignores these modules (Linear weight and bias
 * U(±1/√fan_in), i.e. Kaiming-uniform with a=√5, image-order table N(0, 1), RMS-norm weight 1).
 */
public final class VisualEmbedding extends Module {

    /** Number of rows of the image-order table ({@code config.n_images}). */
    public static final int IMAGE_ORDER_ROWS = 2;

    /** Box coordinates per visual token. */
    public static final int BOX_DIM = 4;

    private final ModelType style;
    private final int featureDim;
    private final int modelDim;
    private final LinearNorm featEmbedding;
    private final LinearNorm positionEmbedding;
    private final EmbeddingTable imageOrderEmbedding;

    /**
     * @param style BART or T5 (normalisation and initialisation)
     * @param featureDim width of the input features (2048 for CLIP RN101 grids, 512 for video)
     * @param modelDim the backbone width d (768)
     */
    public VisualEmbedding(ModelType style, int featureDim, int modelDim) {
        this.style = style;
        this.featureDim = featureDim;
        this.modelDim = modelDim;
        this.featEmbedding =
                module("feat_embedding", new LinearNorm(linear(style, featureDim, modelDim), newNorm(style, modelDim)));
        this.positionEmbedding =
                module("absolute_vis_pos_embedding",
                        new LinearNorm(linear(style, BOX_DIM + 1, modelDim), newNorm(style, modelDim)));
        Initializer orderInit = style == ModelType.BART ? new NormalInitializer(0.02f) : new NormalInitializer(1f);
        this.imageOrderEmbedding =
                module("img_order_embedding", new EmbeddingTable(IMAGE_ORDER_ROWS, modelDim, orderInit));
    }

    private static Dense linear(ModelType style, int in, int out) {
        if (style == ModelType.BART) {
            return new Dense(in, out, true, new NormalInitializer(0.02f), Initializer.ZEROS);
        }
        return new Dense(in, out, true, Initializers.kaimingUniformSqrt5(), Initializers.linearBias(in));
    }

    /**
     * Embeds visual tokens.
     *
     * @param feats visual features [B, V, F]
     * @param boxes boxes [B, V, 4] laid out as (x1, x2, y1, y2); all zeros for CLIP grid features
     * @param imageOrderIds image index of each token [B, V] (0, or 0/1 for NLVR2); {@code null} means all 0
     * @param objectOrderIds position of each token within its image [B, V]; {@code null} means 0..V−1
     * @param sharedEmbeddingWeight the backbone's token embedding [vocab, d]; rows {@code vocab − id − 1} are used
     * @param ctx forward context (unused: the embedding has no dropout)
     * @return visual embeddings [B, V, d]
     * @throws IllegalArgumentException naming the tensor when a shape does not match
     */
    public NDArray forward(
            NDArray feats,
            NDArray boxes,
            NDArray imageOrderIds,
            NDArray objectOrderIds,
            NDArray sharedEmbeddingWeight,
            ForwardContext ctx) {
        Shape fs = feats.getShape();
        if (fs.dimension() != 3 || fs.get(2) != featureDim) {
            throw new IllegalArgumentException(
                    "visual_embedding: feats must be [B, V, " + featureDim + "], found " + fs);
        }
        long b = fs.get(0);
        long v = fs.get(1);
        requireShape("boxes", boxes.getShape(), new Shape(b, v, BOX_DIM));
        Shape ws = sharedEmbeddingWeight.getShape();
        if (ws.dimension() != 2 || ws.get(1) != modelDim) {
            throw new IllegalArgumentException(
                    "visual_embedding: shared embedding weight must be [vocab, " + modelDim + "], found " + ws);
        }
        NDArray feat = featEmbedding.forward(feats);

        NDArray height = boxes.get(new NDIndex("..., 3")).sub(boxes.get(new NDIndex("..., 2")));
        NDArray width = boxes.get(new NDIndex("..., 1")).sub(boxes.get(new NDIndex("..., 0")));
        NDArray area = height.mul(width).expandDims(2);
        NDArray pos = positionEmbedding.forward(boxes.concat(area, 2));

        NDArray imageIds = imageOrderIds == null
                ? feats.getManager().zeros(new Shape(1, v), DataType.INT64)
                : checkIds("img_order_ids", imageOrderIds, b, v);
        NDArray imageOrder = imageOrderEmbedding.forward(imageIds);

        NDArray objectIds = objectOrderIds == null
                ? feats.getManager().arange(0L, v, 1L, DataType.INT64).reshape(1, v)
                : checkIds("obj_order_ids", objectOrderIds, b, v);
        NDArray rows = objectIds.neg().add(ws.get(0) - 1);
        NDArray objectOrder = org.vladapter.nn.Ops.embedding(rows, sharedEmbeddingWeight);

        return feat.add(pos).add(imageOrder).add(objectOrder);
    }

    private static NDArray checkIds(String name, NDArray ids, long b, long v) {
        requireShape(name, ids.getShape(), new Shape(b, v));
        return ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
    }

    private static void requireShape(String name, Shape found, Shape expected) {
        if (!found.equals(expected)) {
            throw new IllegalArgumentException(
                    "visual_embedding: " + name + " must be " + expected + ", found " + found);
        }
    }

    /** @return BART or T5 */
    public ModelType style() {
        return style;
    }

    /** @return the input feature width */
    public int featureDim() {
        return featureDim;
    }

    /** @return the output width */
    public int modelDim() {
        return modelDim;
    }

    /** @return {@code feat_embedding}: Linear(F→d) then norm */
    public LinearNorm featEmbedding() {
        return featEmbedding;
    }

    /** @return {@code absolute_vis_pos_embedding}: Linear(5→d) then norm */
    public LinearNorm positionEmbedding() {
        return positionEmbedding;
    }

    /** @return {@code img_order_embedding} [2, d] */
    public EmbeddingTable imageOrderEmbedding() {
        return imageOrderEmbedding;
    }

    /**
     * @param type the backbone family
     * @param dim the normalised size
     * @return {@code nn.LayerNorm} eps 1e-5 (VL-BART) or {@code T5LayerNorm} eps 1e-6, weight only (VL-T5)
     */
    private static Norm newNorm(ModelType type, long dim) {
        return type == ModelType.BART ? new LayerNorm(dim, 1e-5f) : new RmsNorm(dim, 1e-6f);
    }
}
