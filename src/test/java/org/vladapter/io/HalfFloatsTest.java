package org.vladapter.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    private static float half(int bits) {
        return HalfFloats.halfToFloat((short) bits);
    }

    @Test
    void halfKnownBitPatterns() {
        assertThat(half(0x3C00)).isEqualTo(1.0f);
        assertThat(half(0xC000)).isEqualTo(-2.0f);
        assertThat(half(0x3555)).isEqualTo(0.333251953125f);
        assertThat(half(0x7BFF)).isEqualTo(65504f);
        assertThat(half(0x0400)).isEqualTo((float) Math.pow(2, -14)); // smallest normal
        assertThat(half(0x0001)).isEqualTo((float) Math.pow(2, -24)); // smallest subnormal
        assertThat(half(0x03FF)).isEqualTo((float) (1023 * Math.pow(2, -24))); // largest subnormal
        assertThat(half(0x8001)).isEqualTo((float) -Math.pow(2, -24));
        assertThat(Float.floatToRawIntBits(half(0x8000))).isEqualTo(0x80000000); // -0
        assertThat(half(0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(half(0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(half(0x7E00)).isNaN();
        assertThat(half(0x7C01)).isNaN(); // signalling NaN stays NaN
    }

    @Test
    void everyHalfRoundTripsThroughFloat() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = half(bits);
            short back = HalfFloats.floatToHalf(f);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(half(back))).isTrue();
            } else {
                assertThat(back & 0xFFFF).as("bits %04x", bits).isEqualTo(bits);
            }
        }
    }

    @Test
    void floatToHalfRoundsToNearestEven() {
        float ulp = (float) Math.pow(2, -10);
        assertThat(HalfFloats.floatToHalf(1f + ulp / 2) & 0xFFFF).isEqualTo(0x3C00); // tie -> even (down)
        assertThat(HalfFloats.floatToHalf(1f + 3 * ulp / 2) & 0xFFFF).isEqualTo(0x3C02); // tie -> even (up)
        assertThat(HalfFloats.floatToHalf(1f + ulp / 2 + 1e-6f) & 0xFFFF).isEqualTo(0x3C01);
        assertThat(HalfFloats.floatToHalf(65519f) & 0xFFFF).isEqualTo(0x7BFF);
        assertThat(HalfFloats.floatToHalf(65520f) & 0xFFFF).isEqualTo(0x7C00); // overflow to inf
        assertThat(HalfFloats.floatToHalf((float) Math.pow(2, -25)) & 0xFFFF).isZero(); // tie with 0 -> 0
        assertThat(HalfFloats.floatToHalf((float) (1.5 * Math.pow(2, -24))) & 0xFFFF).isEqualTo(2); // tie -> even
        assertThat(HalfFloats.floatToHalf(1e-10f) & 0xFFFF).isZero();
        assertThat(HalfFloats.floatToHalf(-1e-10f) & 0xFFFF).isEqualTo(0x8000);
        assertThat(HalfFloats.floatToHalf(Float.NaN) & 0x7C00).isEqualTo(0x7C00);
        assertThat(HalfFloats.floatToHalf(Float.NaN) & 0x3FF).isNotZero();
    }

    @Test
    void bfloat16KnownBitPatterns() {
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x3F80)).isEqualTo(1.0f);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0xC040)).isEqualTo(-3.0f);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x0001)).isEqualTo(Float.intBitsToFloat(0x00010000)); // subnormal
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0xFF80)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x7FC0)).isNaN();
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x7F7F)).isEqualTo(Float.intBitsToFloat(0x7F7F0000));
    }

    @Test
    void floatToBfloat16RoundsToNearestEven() {
        assertThat(HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3F808000)) & 0xFFFF).isEqualTo(0x3F80); // tie, even
        assertThat(HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3F818000)) & 0xFFFF).isEqualTo(0x3F82); // tie, up
        assertThat(HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3F808001)) & 0xFFFF).isEqualTo(0x3F81);
        assertThat(HalfFloats.floatToBfloat16(Float.MAX_VALUE) & 0xFFFF).isEqualTo(0x7F80);
        assertThat(HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16(Float.NaN))).isNaN();
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloats.bfloat16ToFloat((short) bits);
            if (!Float.isNaN(f)) {
                assertThat(HalfFloats.floatToBfloat16(f) & 0xFFFF).isEqualTo(bits);
            }
        }
    }
}
