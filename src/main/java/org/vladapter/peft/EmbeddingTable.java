package org.vladapter.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.initializer.Initializer;
import org.vladapter.nn.Module;

/** An embedding table {@code weight} [rows, dim], looked up by row index (PyTorch {@code nn.Embedding}). */
public final class EmbeddingTable extends Module {

    private final Parameter weight;
    private final long rows;

    /**
     * @param rows number of rows
     * @param dim embedding size
     * @param init initializer of the table
     */
    public EmbeddingTable(long rows, long dim, Initializer init) {
        this.rows = rows;
        this.weight = param("weight", new Shape(rows, dim), init);
    }

    /**
     * Looks rows up. The result belongs to {@code manager}, not to the parameters' manager.
     *
     * @param manager the manager of the result (the batch's)
     * @param indices row indices
     * @return rows [indices.length, dim]
     */
    public NDArray lookup(NDManager manager, long... indices) {
        for (long i : indices) {
            if (i < 0 || i >= rows) {
                throw new IndexOutOfBoundsException("embedding row " + i + " outside [0, " + rows + ")");
            }
        }
        return Embedding.embedding(manager.create(indices), weight.getArray(), SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * @param manager the manager of the result
     * @return every row in order, {@code lookup(arange(rows))}
     */
    public NDArray all(NDManager manager) {
        return Embedding.embedding(manager.arange(0, rows, 1, DataType.INT64), weight.getArray(), SparseFormat.DENSE).singletonOrThrow();
    }

    /** @return the table parameter */
    public Parameter weight() {
        return weight;
    }
}
