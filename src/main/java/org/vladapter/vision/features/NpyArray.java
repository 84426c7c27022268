package org.vladapter.vision.features;

import java.util.Arrays;

/**
 * A numeric array read from an NPY file, converted to float32.
 *
 * @param dtype the numpy type string of the file, e.g. {@code <f2}
 * @param shape the shape (empty for a scalar)
 * @param data the values in C (row-major) order
 */
public record NpyArray(String dtype, int[] shape, float[] data) {

    /**
     * @return a 2-D array as rows [shape[0]][shape[1]]
     * @throws IllegalStateException when the array is not 2-D
     */
    public float[][] toRows() {
        if (shape.length != 2) {
            throw new IllegalStateException("expected a 2-D array, found shape " + Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape[1];
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
        }
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + ", shape " + Arrays.toString(shape) + "]";
    }
}
