package org.vladapter.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint file of named tensors as the backbone loader reads it: {@code model.safetensors}
 * ({@link SafeTensorsFile}) or {@code pytorch_model.bin} ({@code io.torch.TorchCheckpointFile}).
 */
public interface WeightFile extends AutoCloseable {

    /** @return the file */
    Path path();

    /** @return the tensor names, in file order */
    List<String> names();

    /**
     * @param name a tensor name
     * @return its shape
     * @throws IOException naming the tensor and file when it is not there
     */
    Shape shape(String name) throws IOException;

    /**
     * @param name a tensor name
     * @return its element type
     * @throws IOException naming the tensor and file when it is not there
     */
    SafeTensorsDType dtype(String name) throws IOException;

    /**
     * @param name a tensor name
     * @param manager where the array is created
     * @return the tensor in its stored type, named {@code name}
     * @throws IOException naming the tensor and file when it cannot be read
     */
    NDArray load(String name, NDManager manager) throws IOException;

    @Override
    void close() throws IOException;
}
