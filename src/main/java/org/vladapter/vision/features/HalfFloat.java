package org.vladapter.vision.features;

/**
 * IEEE 754 half precision (binary16) to single precision, exactly (every half value is representable as a
 * float): normal numbers, subnormals, signed zeros, infinities and NaN. (Java 17 has no {@code
 * Float.float16ToFloat}.)
 */
public final class HalfFloat {

    private HalfFloat() {}

    /**
     * @param bits the 16 bits of a half-precision number
     * @return its float value
     */
    public static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            // infinity or NaN (payload kept in the high mantissa bits)
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal: mantissa * 2^-24
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /**
     * Single to half precision with round-to-nearest-even, as numpy's {@code astype(float16)}; values too
     * large become infinity.
     *
     * @param value a float
     * @return the 16 bits of the nearest half-precision number
     */
    public static short fromFloat(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exponent = (f >>> 23) & 0xff;
        int mantissa = f & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // subnormal half: shift the implicit leading one in, then round to nearest even
            int m = mantissa | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (rest > midpoint || (rest == midpoint && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is the correct rounding (up to infinity)
        }
        return (short) (sign | half);
    }
}
