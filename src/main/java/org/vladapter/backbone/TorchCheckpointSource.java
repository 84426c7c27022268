package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.vladapter.io.SafeTensorsDType;
import org.vladapter.io.torch.TorchCheckpointFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A {@code pytorch_model.bin} state dict as a {@link TensorSource}, for checkpoints published without
 * {@code model.safetensors}. Weights load as {@link SafeTensorsSource} loads them: float32, float16 and bfloat16 as
 * float32, float64 narrowed to float32; integer and boolean tensors are refused with the tensor and file named.
 */
public final class TorchCheckpointSource implements TensorSource, AutoCloseable {

    private static final Set<SafeTensorsDType> FLOATS = EnumSet.of(SafeTensorsDType.F32, SafeTensorsDType.F16,
            SafeTensorsDType.BF16, SafeTensorsDType.F64);

    private final TorchCheckpointFile file;

    private TorchCheckpointSource(TorchCheckpointFile file) {
        this.file = file;
    }

    /**
     * @param path a {@code torch.save} state dict
     * @return the source
     * @throws UncheckedIOException when the file is missing, corrupt or more than a state dict (message names it)
     */
    public static TorchCheckpointSource open(Path path) {
        try {
            return new TorchCheckpointSource(TorchCheckpointFile.open(path));
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
