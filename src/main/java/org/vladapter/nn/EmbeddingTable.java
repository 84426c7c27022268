package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** A lookup table of {@code rows} vectors ({@code weight} [rows, dim]), as nn.Embedding. */
public final class EmbeddingTable extends Module {

    private final Parameter weight;

    /**
     * @param rows number of rows
     * @param dim vector size
     * @param init initializer
     */
    public EmbeddingTable(long rows, long dim, Initializer init) {
        this.weight = param("weight", new Shape(rows, dim), init);
    }

    /**
     * @param ids int64 ids of any shape
     * @return the rows [..., dim]
     */
    public NDArray forward(NDArray ids) {
        return Ops.embedding(ids, weight.getArray());
    }

    /** @return the table parameter */
    public Parameter weight() {
        return weight;
    }
}
