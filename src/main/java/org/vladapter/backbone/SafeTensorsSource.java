package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vladapter.io.SafeTensorsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** A memory-mapped safetensors file as a {@link TensorSource}. */
public final class SafeTensorsSource implements TensorSource, AutoCloseable {

    private final SafeTensorsFile file;

    private SafeTensorsSource(SafeTensorsFile file) {
        this.file = file;
    }

    /**
     * @param path a {@code .safetensors} file
     * @return the source
     * @throws UncheckedIOException when the file is missing or its header is corrupt (message names the file)
     */
    public static SafeTensorsSource open(Path path) {
        try {
            return new SafeTensorsSource(SafeTensorsFile.open(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(file.names());
    }

    @Override
    public Shape shape(String name) {
        try {
            return file.shape(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public NDArray load(String name, NDManager manager) {
        try {
            return file.load(name, manager);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return file.path().toString();
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
