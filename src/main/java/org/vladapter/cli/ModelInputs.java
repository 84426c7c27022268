package org.vladapter.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.vladapter.io.SafeTensorsDType;
import org.vladapter.io.SafeTensorsException;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.TensorInfo;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The model inputs that {@code forward} and {@code generate} read from a safetensors file, checked before
 * they reach the model: a wrong shape, type or id fails with the tensor, the file and what was expected.
 */
final class ModelInputs {

    private static final Set<SafeTensorsDType> INTEGERS = EnumSet.of(SafeTensorsDType.I64, SafeTensorsDType.I32,
            SafeTensorsDType.I16, SafeTensorsDType.I8, SafeTensorsDType.U8);

    private final SafeTensorsFile file;
    private final NDManager manager;

    ModelInputs(SafeTensorsFile file, NDManager manager) {
        this.file = file;
        this.manager = manager;
    }

    /**
     * @param name a tensor of ids, shape [B, L]
     * @param batch the required B, or -1 for any
     * @param vocabSize ids must lie in [0, vocabSize)
     * @return the ids as int64
     */
    NDArray ids(String name, long batch, int vocabSize) throws IOException {
        TensorInfo info = integral(name);
        Shape s = info.shape();
        if (s.dimension() != 2 || (batch >= 0 && s.get(0) != batch)) {
            throw mismatch(name, batch >= 0 ? "(" + batch + ", T)" : "(B, L)", s);
        }
        long[] ids = file.readLongs(name);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new SafeTensorsException("tensor '" + name + "' in " + file.path() + ": id " + ids[i] + " at ["
                        + i / s.get(1) + ", " + i % s.get(1) + "] is outside the vocabulary [0, " + vocabSize + ")");
            }
        }
        return manager.create(ids, s);
    }

    /**
     * @param name a mask tensor (integer or float, 1 = token, 0 = padding)
     * @param shape the required shape
     * @return the mask as int64
     */
    NDArray mask(String name, Shape shape) throws IOException {
        TensorInfo info = file.info(name);
        if (!info.shape().equals(shape)) {
            throw mismatch(name, shape.toString(), info.shape());
        }
        return file.load(name, manager).toType(DataType.INT64, false);
    }

    /**
     * @param name an embeddings tensor
     * @param shape the required shape
     * @return the embeddings as float32
     */
    NDArray embeddings(String name, Shape shape) throws IOException {
        TensorInfo info = file.info(name);
        if (!info.shape().equals(shape)) {
            throw mismatch(name, shape.toString(), info.shape());
        }
        if (info.dtype().loadedAs() != DataType.FLOAT32 && info.dtype().loadedAs() != DataType.FLOAT64) {
            throw new SafeTensorsException("tensor '" + name + "' in " + file.path() + " has dtype " + info.dtype()
                    + "; expected floating point (F32, F16, BF16, F64)");
        }
        float[] values = file.readFloats(name);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new SafeTensorsException("tensor '" + name + "' in " + file.path() + " holds " + values[i]
                        + " at flat index " + i + "; embeddings must be finite");
            }
        }
        return manager.create(values, info.shape());
    }

    private TensorInfo integral(String name) throws SafeTensorsException {
        TensorInfo info = file.info(name);
        if (!INTEGERS.contains(info.dtype())) {
            throw new SafeTensorsException("tensor '" + name + "' in " + file.path() + " has dtype " + info.dtype()
                    + "; expected integer ids (I64, I32, I16, I8, U8)");
        }
        return info;
    }

    private SafeTensorsException mismatch(String name, String expected, Shape found) {
        return new SafeTensorsException("tensor '" + name + "' in " + file.path() + ": expected shape " + expected
                + ", found " + found);
    }
}
