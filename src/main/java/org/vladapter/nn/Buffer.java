package org.vladapter.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** A named non-trainable tensor of a {@link Module}, saved with full checkpoints but never trained. */
public final class Buffer {

    private final String name;
    private final Shape shape;
    private NDArray array;

    Buffer(String name, Shape shape) {
        this.name = name;
        this.shape = shape;
    }

    /** @return the local name */
    public String name() {
        return name;
    }

    /** @return the shape */
    public Shape shape() {
        return shape;
    }

    /** @return the array; fails when the module has not been initialised */
    public NDArray array() {
        if (array == null) {
            throw new IllegalStateException("buffer '" + name + "' is not initialised");
        }
        return array;
    }

    /**
     * Replaces the buffer's values.
     *
     * @param values an array of the buffer's shape, taken over by the buffer
     */
    public void set(NDArray values) {
        if (!values.getShape().equals(shape)) {
            throw new IllegalArgumentException(
                    "buffer '" + name + "': expected shape " + shape + ", found " + values.getShape());
        }
        if (array != null) {
            array.close();
        }
        array = values;
    }

    void initialize(NDManager manager, DataType dataType) {
        if (array == null) {
            array = manager.zeros(shape, dataType);
        }
    }
}
