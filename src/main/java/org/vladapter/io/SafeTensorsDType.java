package org.vladapter.io;

import ai.djl.ndarray.types.DataType;

/**
 * The element types of the safetensors format, with their sizes and the DJL type a loaded tensor gets.
 *
 * <p>F16 and BF16 load as {@link DataType#FLOAT32} (converted in Java; a BF16 NDArray crashes DJL's PyTorch
 * engine). Types without a DJL counterpart that is safe to create (unsigned 16/32/64-bit, 8-bit floats,
 * complex) can be listed and validated but not loaded.
 */
public enum SafeTensorsDType {
    /** boolean, one byte. */
    BOOL(1, DataType.BOOLEAN),
    /** unsigned 8-bit integer. */
    U8(1, DataType.UINT8),
    /** signed 8-bit integer. */
    I8(1, DataType.INT8),
    /** 8-bit float, 5 exponent bits (not loadable). */
    F8_E5M2(1, null),
    /** 8-bit float, 4 exponent bits (not loadable). */
    F8_E4M3(1, null),
    /** signed 16-bit integer; loads as int32 (widened in Java: an INT16 NDArray aborts DJL's PyTorch engine). */
    I16(2, DataType.INT32),
    /** unsigned 16-bit integer (not loadable). */
    U16(2, null),
    /** IEEE half precision; loads as float32. */
    F16(2, DataType.FLOAT32),
    /** bfloat16; loads as float32. */
    BF16(2, DataType.FLOAT32),
    /** signed 32-bit integer. */
    I32(4, DataType.INT32),
    /** unsigned 32-bit integer (not loadable). */
    U32(4, null),
    /** IEEE single precision. */
    F32(4, DataType.FLOAT32),
    /** complex of two float32 (not loadable). */
    C64(8, null),
    /** IEEE double precision. */
    F64(8, DataType.FLOAT64),
    /** signed 64-bit integer. */
    I64(8, DataType.INT64),
    /** unsigned 64-bit integer (not loadable). */
    U64(8, null);

    private final int byteSize;
    private final DataType loadedAs;

    SafeTensorsDType(int byteSize, DataType loadedAs) {
        this.byteSize = byteSize;
        this.loadedAs = loadedAs;
    }

    /** @return bytes per element */
    public int byteSize() {
        return byteSize;
    }

    /** @return the DJL type {@link SafeTensorsFile#load} creates, or {@code null} if it cannot load this type */
    public DataType loadedAs() {
        return loadedAs;
    }

    /**
     * Finds the dtype for its header spelling.
     *
     * @param name the spelling, e.g. {@code F32}
     * @return the dtype, or {@code null} if the name is unknown
     */
    public static SafeTensorsDType fromName(String name) {
        for (SafeTensorsDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The dtype to store a DJL type as, without conversion.
     *
     * @param type the DJL type
     * @return the dtype, or {@code null} if the format has none
     */
    public static SafeTensorsDType forDataType(DataType type) {
        switch (type) {
            case FLOAT32: return F32;
            case FLOAT64: return F64;
            case FLOAT16: return F16;
            case INT64: return I64;
            case INT32: return I32;
            case INT16: return I16;
            case INT8: return I8;
            case UINT8: return U8;
            case BOOLEAN: return BOOL;
            default: return null;
        }
    }
}
