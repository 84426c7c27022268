package org.vladapter.io;

/**
 * Exact conversions between 16-bit floats (IEEE half, bfloat16) and {@code float}.
 *
 * <p>Widening is exact for every value, subnormals, infinities and NaN payloads included. Narrowing rounds to
 * nearest, ties to even, as PyTorch's {@code .half()} and {@code .bfloat16()} do; values too large become
 * infinity and NaN stays NaN.
 */
public final class HalfFloats {

    private HalfFloats() {}

    /**
     * Widens an IEEE half-precision value.
     *
     * @param bits the 16 bits
     * @return the same value as a float
     */
    public static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        int out;
        if (exp == 0x1F) {
            out = sign | 0x7F800000 | (mant << 13);
        } else if (exp != 0) {
            out = sign | ((exp + 112) << 23) | (mant << 13);
        } else if (mant == 0) {
            out = sign;
        } else {
            // subnormal half: normalise into a float's exponent range
            int shift = Integer.numberOfLeadingZeros(mant) - 21;
            mant = (mant << shift) & 0x3FF;
            out = sign | ((113 - shift) << 23) | (mant << 13);
        }
        return Float.intBitsToFloat(out);
    }

    /**
     * Widens a bfloat16 value.
     *
     * @param bits the 16 bits
     * @return the same value as a float
     */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /**
     * Narrows to IEEE half precision, rounding to nearest even.
     *
     * @param value the float
     * @return the 16 bits
     */
    public static short floatToHalf(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exp = (f >>> 23) & 0xFF;
        int mant = f & 0x7FFFFF;
        if (exp == 0xFF) {
            if (mant == 0) {
                return (short) (sign | 0x7C00);
            }
            int payload = mant >>> 13;
            return (short) (sign | 0x7C00 | (payload == 0 ? 0x200 : payload));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // subnormal result: shift the full significand (with the implicit 1) into place
            int full = mant | 0x800000;
            int shift = 14 - e;
            int result = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int half = 1 << (shift - 1);
            if (rest > half || (rest == half && (result & 1) != 0)) {
                result++;
            }
            return (short) (sign | result);
        }
        int result = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (result & 1) != 0)) {
            result++; // may carry into the exponent, up to infinity, which is correct
        }
        return (short) (sign | result);
    }

    /**
     * Narrows to bfloat16, rounding to nearest even.
     *
     * @param value the float
     * @return the 16 bits
     */
    public static short floatToBfloat16(float value) {
        int f = Float.floatToRawIntBits(value);
        if ((f & 0x7F800000) == 0x7F800000 && (f & 0x7FFFFF) != 0) {
            return (short) ((f >>> 16) | 0x40); // keep NaN a NaN
        }
        int rounding = 0x7FFF + ((f >>> 16) & 1);
        return (short) ((f + rounding) >>> 16);
    }
}
