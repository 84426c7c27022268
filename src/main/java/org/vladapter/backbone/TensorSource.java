package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Set;

/** Named tensors to load a model from (a safetensors file, a map in memory). */
public interface TensorSource {

    /** @return the tensor names */
    Set<String> names();

    /**
     * @param name a tensor name
     * @return its shape
     */
    Shape shape(String name);

    /**
     * @param name a tensor name
     * @param manager where to create the array
     * @return the tensor (float32 for floating-point data)
     */
    NDArray load(String name, NDManager manager);

    /** @return a description for error messages, e.g. the file path */
    String describe();
}
