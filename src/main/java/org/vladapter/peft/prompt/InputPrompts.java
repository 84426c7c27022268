package org.vladapter.peft.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vladapter.nn.Dense;
import org.vladapter.nn.Module;
import org.vladapter.backbone.ModelType;
import org.vladapter.nn.EmbeddingTable;
import org.vladapter.nn.Initializers;
import org.vladapter.peft.ModuleDict;

/**
 * One prompt: {@code P = Linear(mid→d)(tanh(Linear(d→mid)(Embedding(L, d)(0..L-1))))} [L, d], named as the
 * original {@code nn.Sequential}: {@code prefix_embedding.0.weight} [L, d], {@code prefix_embedding.1.*}
 * (d → mid), {@code prefix_embedding.3.*} (mid → d); index 2 is the parameterless tanh.
 */
public final class InputPrompts extends Module {

    private final EmbeddingTable embedding;
    private final Dense down;
    private final Dense up;
    private final long length;
    private final long dModel;

    /**
     * @param length L
     * @param dModel d
     * @param midDim mid
     * @param kind initialisation style
     */
    public InputPrompts(long length, long dModel, long midDim, ModelType kind) {
        this.length = length;
        this.dModel = dModel;
        ModuleDict seq = module("prefix_embedding", new ModuleDict());
        boolean bart = kind == ModelType.BART;
        this.embedding = seq.put("0", new EmbeddingTable(length, dModel, Initializers.normal(bart ? 0.02 : 1.0)));
        this.down = seq.put("1", linear(dModel, midDim, bart));
        this.up = seq.put("3", linear(midDim, dModel, bart));
    }

    private static Dense linear(long in, long out, boolean bart) {
        return bart
                ? new Dense(in, out, true, Initializers.normal(0.02), Initializers.zeros())
                : new Dense(in, out, true, Initializers.kaimingUniformSqrt5(), Initializers.linearBias(in));
    }

    /**
     * @param manager the manager of the result (the batch's)
     * @return the prompt [L, d]
     */
    public NDArray prompt(NDManager manager) {
        return up.forward(down.forward(embedding.all(manager)).tanh());
    }

    /**
     * @param manager the manager of the result
     * @param batchSize B
     * @return the prompt broadcast to [B, L, d]
     */
    public NDArray prompt(NDManager manager, long batchSize) {
        return prompt(manager).expandDims(0).broadcast(new Shape(batchSize, length, dModel));
    }

    /** @return L */
    public long length() {
        return length;
    }
}
