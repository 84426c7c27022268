package org.vladapter.io.torch;

import org.vladapter.io.SafeTensorsDType;

/** The typed storage classes a state dict's persistent ids name ({@code torch.FloatStorage}, ...). */
public enum TorchStorageType {
    /** float32. */
    FLOAT("FloatStorage", SafeTensorsDType.F32),
    /** IEEE half precision. */
    HALF("HalfStorage", SafeTensorsDType.F16),
    /** bfloat16. */
    BFLOAT16("BFloat16Storage", SafeTensorsDType.BF16),
    /** float64. */
    DOUBLE("DoubleStorage", SafeTensorsDType.F64),
    /** int64. */
    LONG("LongStorage", SafeTensorsDType.I64),
    /** int32. */
    INT("IntStorage", SafeTensorsDType.I32),
    /** int16. */
    SHORT("ShortStorage", SafeTensorsDType.I16),
    /** int8. */
    CHAR("CharStorage", SafeTensorsDType.I8),
    /** uint8. */
    BYTE("ByteStorage", SafeTensorsDType.U8),
    /** bool. */
    BOOL("BoolStorage", SafeTensorsDType.BOOL);

    private final String className;
    private final SafeTensorsDType dtype;

    TorchStorageType(String className, SafeTensorsDType dtype) {
        this.className = className;
        this.dtype = dtype;
    }

    /** @return the class name in module {@code torch}, e.g. {@code FloatStorage} */
    public String className() {
        return className;
    }

    /** @return the element type, in safetensors' terms */
    public SafeTensorsDType dtype() {
        return dtype;
    }

    /**
     * @param className a class name in module {@code torch}
     * @return its storage type, or {@code null} when it is no storage class read here
     */
    public static TorchStorageType fromClassName(String className) {
        for (TorchStorageType t : values()) {
            if (t.className.equals(className)) {
                return t;
            }
        }
        return null;
    }
}
