package org.vladapter.io;

import ai.djl.ndarray.types.Shape;

/**
 * One entry of a safetensors header.
 *
 * @param name the tensor name
 * @param dtype the stored element type
 * @param shape the shape (empty for a scalar)
 * @param begin the first byte, relative to the start of the data section
 * @param end one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, SafeTensorsDType dtype, Shape shape, long begin, long end) {

    /** @return the number of stored bytes */
    public long byteCount() {
        return end - begin;
    }

    /** @return the number of elements */
    public long elementCount() {
        return shape.size();
    }
}
