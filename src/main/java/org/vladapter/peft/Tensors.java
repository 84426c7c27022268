package org.vladapter.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keeps per-forward tensors off the parameters' manager. A DJL op's output belongs to its first input's
 * manager, so a computation that starts from a parameter (a Kronecker sum of PHM weights, a hyper-network
 * on task embeddings) would attach every intermediate to the model's long-lived manager and leak one set
 * per forward. Lifting the parameter first makes the chain belong to the batch's manager.
 */
public final class Tensors {

    private Tensors() {}

    /**
     * @param manager the target manager (the batch's)
     * @param parameter a parameter's array
     * @return an array equal to {@code parameter}, owned by {@code manager}, through which gradients flow
     *     back to the parameter
     */
    public static NDArray lift(NDManager manager, NDArray parameter) {
        if (parameter.getManager() == manager) {
            return parameter;
        }
        return manager.zeros(parameter.getShape(), parameter.getDataType(), parameter.getDevice()).add(parameter);
    }
}
