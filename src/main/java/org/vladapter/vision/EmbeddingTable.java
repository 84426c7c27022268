package org.vladapter.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.initializer.Initializer;
import org.vladapter.nn.Module;

/** {@code nn.Embedding(rows, dim)}: one parameter named {@code weight} [rows, dim], looked up by id. */
public final class EmbeddingTable extends Module {

    private final Parameter weight;

    /**
     * @param rows number of rows
     * @param dim embedding width
     * @param init initializer of the table
     */
    public EmbeddingTable(long rows, long dim, Initializer init) {
        this.weight = param("weight", new Shape(rows, dim), init);
    }

    /**
     * @param ids integer ids of any shape
     * @return rows of the table, shape {@code ids.shape + [dim]}
     */
    public NDArray forward(NDArray ids) {
        return lookup(ids, weight.getArray());
    }

    /** @return the table parameter */
    public Parameter weight() {
        return weight;
    }

    /**
     * Looks rows of a table up by id, differentiably with respect to the table.
     *
     * @param ids integer ids of any shape
     * @param table [rows, dim]
     * @return rows, shape {@code ids.shape + [dim]}
     */
    static NDArray lookup(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }
}
