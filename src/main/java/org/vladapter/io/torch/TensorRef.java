package org.vladapter.io.torch;

import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * A tensor of a state dict: a strided view of a storage, as {@code torch._utils._rebuild_tensor_v2} receives it.
 *
 * @param storage the storage
 * @param offset the first element's index in the storage
 * @param size the extent of every dimension
 * @param stride the storage step of every dimension, in elements
 */
public record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {

    /** @return the shape */
    public Shape shape() {
        return new Shape(size);
    }

    /** @return the element count (1 for a 0-d tensor) */
    public long numel() {
        long n = 1;
        for (long s : size) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** @return whether the elements lie row-major and gap-free from {@link #offset} (ignoring size-1 strides) */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    /**
     * @return one past the highest storage index the view reads (its offset for an empty view)
     * @throws ArithmeticException on overflow
     */
    public long extent() {
        if (numel() == 0) {
            return offset;
        }
        long last = offset;
        for (int d = 0; d < size.length; d++) {
            last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
        }
        return last + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorRef t && storage.equals(t.storage) && offset == t.offset
                && Arrays.equals(size, t.size) && Arrays.equals(stride, t.stride);
    }

    @Override
    public int hashCode() {
        return storage.hashCode() * 31 + Long.hashCode(offset) + Arrays.hashCode(size) * 7 + Arrays.hashCode(stride);
    }

    @Override
    public String toString() {
        return "TensorRef[" + storage + ", offset " + offset + ", size " + Arrays.toString(size) + ", stride "
                + Arrays.toString(stride) + "]";
    }
}
