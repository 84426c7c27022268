package org.vladapter.shapes.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;

import org.vladapter.nn.Dense;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.Initializers;
import org.vladapter.nn.Module;
import org.vladapter.nn.Ops;

/**
 * The miniature CLIP: a five-layer convolutional image encoder (ReLU after each) whose last layer is the 7x7 grid of
 * {@code dim}-dimensional features written to the {@code .h5} files, and a small text encoder (word and position
 * embeddings, a width-3 convolution, masked max-pooling), each followed by a linear map into a shared
 * {@code embedDim} space where image and caption are compared by cosine similarity.
 *
 * <pre>
 * image [B, 3, 112, 112] -conv3 s2-> 24x56x56 -conv3 s2-> 48x28x28 -conv3 s2-> 64x14x14 -conv3 s2-> 128x7x7 -conv1-> dim x7x7 (grid)
 * grid -mean-> [B, dim] -linear-> [B, embedDim]
 * words [B, T] -embed+pos-> [B, T, 64] -conv1d k3-> relu -masked max-> [B, 64] -linear-> [B, embedDim]
 * </pre>
 */
public final class MiniClip extends Module {

    /** Width of the text encoder. */
    static final int TEXT_WIDTH = 64;
    /** Longest caption in tokens. */
    static final int MAX_TOKENS = 48;

    private final MiniClipConfig config;
    private final ConvLayer[] convs;
    private final Dense imageProjection;
    private final EmbeddingTable wordEmbedding;
    private final EmbeddingTable positionEmbedding;
    private final Parameter textConvWeight;
    private final Parameter textConvBias;
    private final Dense textProjection;

    /**
     * @param config sizes
     */
    public MiniClip(MiniClipConfig config) {
        this.config = config;
        int d = config.dim();
        // full resolution in: the small shapes (radius 7) keep their corners and points, which a 2x2 average
        // pooling of the input blurred so much that shape was hardly decodable from a cell (colour and size were)
        int[][] plan = {{3, 24, 2, 3}, {24, 48, 2, 3}, {48, 64, 2, 3}, {64, 128, 2, 3}, {128, d, 1, 1}};
        convs = new ConvLayer[plan.length];
        for (int i = 0; i < plan.length; i++) {
            convs[i] = module("visual.conv" + (i + 1), new ConvLayer(plan[i][0], plan[i][1], plan[i][2], plan[i][3]));
        }
        imageProjection = module("visual.proj", new Dense(d, config.embedDim(), false, Initializers.normal(1.0 / Math.sqrt(d)), null));
        wordEmbedding = module("text.token_embedding", new EmbeddingTable(config.vocabSize(), TEXT_WIDTH, Initializers.normal(0.1)));
        positionEmbedding = module("text.position_embedding", new EmbeddingTable(MAX_TOKENS, TEXT_WIDTH, Initializers.normal(0.01)));
        textConvWeight = param("text.conv.weight", new Shape(TEXT_WIDTH, TEXT_WIDTH, 3), Initializers.normal(Math.sqrt(2.0 / (TEXT_WIDTH * 3))));
        textConvBias = param("text.conv.bias", new Shape(TEXT_WIDTH), Initializers.zeros());
        textProjection = module("text.proj", new Dense(TEXT_WIDTH, config.embedDim(), false,
                Initializers.normal(1.0 / Math.sqrt(TEXT_WIDTH)), null));
    }

    /** @return the sizes */
    public MiniClipConfig config() {
        return config;
    }

    /**
     * @param images [B, 3, 112, 112] in [0, 1]
     * @return the grid [B, 49, dim]
     */
    public NDArray grid(NDArray images) {
        NDArray x = images.sub(images.getManager().create(0.5f));
        for (ConvLayer c : convs) {
            x = c.forward(x);
        }
        long b = x.getShape().get(0);
        return x.reshape(b, config.dim(), -1).transpose(0, 2, 1);
    }

    /**
     * @param grid [B, 49, dim]
     * @return L2-normalised image embeddings [B, embedDim]
     */
    public NDArray embedImage(NDArray grid) {
        return normalise(imageProjection.forward(grid.mean(new int[] {1})));
    }

    /**
     * The region-level embedding of the region-phrase pretraining term: single grid cells through the same
     * projection as the pooled image.
     *
     * @param cells grid cells [N, dim]
     * @return L2-normalised embeddings [N, embedDim]
     */
    public NDArray embedCells(NDArray cells) {
        return normalise(imageProjection.forward(cells));
    }

    /**
     * @param ids word ids [B, T] (int64, T &le; {@value #MAX_TOKENS})
     * @param mask 1 for real tokens, 0 for padding [B, T] (float32)
     * @return L2-normalised text embeddings [B, embedDim]
     */
    public NDArray embedText(NDArray ids, NDArray mask) {
        NDManager m = ids.getManager();
        long t = ids.getShape().get(1);
        NDArray positions = m.arange(0, (int) t).toType(DataType.INT64, false);
        NDArray x = wordEmbedding.forward(ids).add(positionEmbedding.forward(positions).expandDims(0)); // [B, T, W]
        x = Activation.relu(Conv1d.conv1d(x.transpose(0, 2, 1), textConvWeight.getArray(), textConvBias.getArray(),
                new Shape(1), new Shape(1)).singletonOrThrow()); // [B, W, T]
        NDArray penalty = Ops.scale(mask.sub(m.create(1f)), 1e4f).expandDims(1); // 0 for tokens, -1e4 for padding
        NDArray pooled = x.add(penalty).max(new int[] {2});
        return normalise(textProjection.forward(pooled));
    }

    private static NDArray normalise(NDArray x) {
        NDArray norm = x.square().sum(new int[] {-1}, true).add(x.getManager().create(1e-8f)).sqrt();
        return x.div(norm);
    }
}
