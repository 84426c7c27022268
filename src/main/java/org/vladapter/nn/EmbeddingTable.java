package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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

    /**
     * Rows by index, created in the given (batch) manager.
     *
     * @param manager the manager of the result
     * @param indices row indices
     * @return [indices.length, dim]
     * @throws IndexOutOfBoundsException naming the row when an index is outside the table
     */
    public NDArray rows(NDManager manager, long... indices) {
        long rows = weight.getShape().get(0);
        for (long i : indices) {
            if (i < 0 || i >= rows) {
                throw new IndexOutOfBoundsException("embedding row " + i + " outside [0, " + rows + ")");
            }
        }
        return forward(manager.create(indices));
    }

    /**
     * Every row, in order, created in the given (batch) manager.
     *
     * @param manager the manager of the result
     * @return [rows, dim]
     */
    public NDArray all(NDManager manager) {
        return forward(manager.arange(0, weight.getShape().get(0), 1, DataType.INT64));
    }

    /** @return the table parameter */
    public Parameter weight() {
        return weight;
    }
}
