package org.vladapter.io;

import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;

/**
 * A checkpoint tensor whose shape differs from the one the model expects, reported as
 * {@code tensor 'encoder.layers.0.fc1.weight' in DIR/model.safetensors: expected shape (64, 32), found (32, 64)}.
 */
public class ShapeMismatchException extends SafeTensorsException {

    private static final long serialVersionUID = 1L;

    private final String tensor;
    private final transient Shape expected;
    private final transient Shape found;

    /**
     * Creates the exception.
     *
     * @param tensor the tensor name
     * @param source where the tensor came from (a file path, or any description of a source)
     * @param expected the shape the caller needs
     * @param found the shape stored
     */
    public ShapeMismatchException(String tensor, String source, Shape expected, Shape found) {
        super("tensor '" + tensor + "' in " + source + ": expected shape " + expected + ", found " + found);
        this.tensor = tensor;
        this.expected = expected;
        this.found = found;
    }

    /**
     * Throws when two shapes differ.
     *
     * @param tensor the tensor name
     * @param file the checkpoint file
     * @param expected the shape the caller needs
     * @param found the shape stored
     * @throws ShapeMismatchException when the shapes differ
     */
    public static void check(String tensor, Path file, Shape expected, Shape found) throws ShapeMismatchException {
        if (!expected.equals(found)) {
            throw new ShapeMismatchException(tensor, String.valueOf(file), expected, found);
        }
    }

    /** @return the tensor name */
    public String tensor() {
        return tensor;
    }

    /** @return the shape the caller needed */
    public Shape expected() {
        return expected;
    }

    /** @return the shape stored */
    public Shape found() {
        return found;
    }
}
