package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.vladapter.io.SafeTensorsDType;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.WeightFile;
import org.vladapter.io.torch.TorchCheckpointFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A checkpoint file ({@code model.safetensors}, memory-mapped, or a {@code pytorch_model.bin} state dict) as a
 * {@link TensorSource}. Model weights load as float32: F32, F16 and BF16 directly, F64 narrowed to float32 (the
 * model runs in float32; a float64 checkpoint would otherwise silently turn the whole model into float64).
 * Integer and boolean tensors are refused with the tensor and the file named: they are no model weights.
 */
public final class WeightFileSource implements TensorSource, AutoCloseable {

    private static final Set<SafeTensorsDType> FLOATS = EnumSet.of(SafeTensorsDType.F32, SafeTensorsDType.F16,
            SafeTensorsDType.BF16, SafeTensorsDType.F64);

    private final WeightFile file;

    private WeightFileSource(WeightFile file) {
        this.file = file;
    }

    /**
     * @param path a {@code .safetensors} file
     * @return the source
     * @throws UncheckedIOException when the file is missing or its header is corrupt (message names the file)
     */
    public static WeightFileSource safetensors(Path path) {
        try {
            return new WeightFileSource(SafeTensorsFile.open(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * @param path a {@code torch.save} state dict ({@code pytorch_model.bin})
     * @return the source
     * @throws UncheckedIOException when the file is missing, corrupt or more than a state dict (message names it)
     */
    public static WeightFileSource torch(Path path) {
        try {
            return new WeightFileSource(TorchCheckpointFile.open(path));
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
            SafeTensorsDType dtype = file.dtype(name);
            if (!FLOATS.contains(dtype)) {
                throw new IOException("tensor '" + name + "' in " + file.path() + " has dtype " + dtype
                        + ", but model weights must be floating point (F32, F16, BF16 or F64)");
            }
            NDArray array = file.load(name, manager);
            if (dtype == SafeTensorsDType.F64) {
                NDArray single = array.toType(DataType.FLOAT32, false);
                array.close();
                single.setName(name);
                return single;
            }
            return array;
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
