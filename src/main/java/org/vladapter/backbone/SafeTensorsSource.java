package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.DataType;
import org.vladapter.io.SafeTensorsDType;
import org.vladapter.io.SafeTensorsException;
import org.vladapter.io.SafeTensorsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
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

    /**
     * Loads a model weight as float32: F32, F16 and BF16 directly, F64 converted to float32 (the model runs in
     * float32; a float64 checkpoint would otherwise silently turn the whole model into float64). Integer and boolean
     * tensors are refused with the tensor and the file named: they are no model weights.
     */
    @Override
    public NDArray load(String name, NDManager manager) {
        try {
            SafeTensorsDType dtype = file.dtype(name);
            if (!FLOATS.contains(dtype)) {
                SafeTensorsException ex = new SafeTensorsException("tensor '" + name + "' in " + file.path()
                        + " has dtype " + dtype + ", but model weights must be floating point (F32, F16, BF16 or F64)");
                throw new UncheckedIOException(ex.getMessage(), ex);
            }
            NDArray array = file.load(name, manager);
            if (dtype == SafeTensorsDType.F64) {
                NDArray single = array.toType(DataType.FLOAT32, false);
                array.close();
                single.setName(name);
                return single;
            }
            return array;
        } catch (UncheckedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static final Set<SafeTensorsDType> FLOATS = EnumSet.of(SafeTensorsDType.F32, SafeTensorsDType.F16,
            SafeTensorsDType.BF16, SafeTensorsDType.F64);

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
