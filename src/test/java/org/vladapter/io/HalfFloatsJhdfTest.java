package org.vladapter.io;


import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.object.datatype.FloatingPoint;
import org.junit.jupiter.api.Test;

class HalfFloatsJhdfTest {

    @Test
    void knownValues() {
        assertThat(HalfFloats.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(HalfFloats.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(HalfFloats.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(HalfFloats.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(HalfFloats.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloats.halfToFloat((short) 0x83ff)).isEqualTo(-1023 * 0x1p-24f);
        assertThat(HalfFloats.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(HalfFloats.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.halfToFloat((short) 0x7e00)).isNaN();
        assertThat(Float.floatToRawIntBits(HalfFloats.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
    }

    @Test
    void everyHalfRoundTripsAndAgreesWithJhdf() {
        for (int h = 0; h < 0x10000; h++) {
            short bits = (short) h;
            float f = HalfFloats.halfToFloat(bits);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(FloatingPoint.toFloat(bits))).isTrue();
                continue;
            }
            assertThat(Float.floatToRawIntBits(f)).as("half %04x", h)
                    .isEqualTo(Float.floatToRawIntBits(FloatingPoint.toFloat(bits)));
            assertThat(HalfFloats.floatToHalf(f) & 0xffff).as("half %04x", h).isEqualTo(h);
        }
    }

    @Test
    void narrowingRoundsToNearestEven() {
        assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);          // tie -> even
        assertThat(HalfFloats.floatToHalf(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);      // tie -> even (up)
        assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3c01);
        assertThat(HalfFloats.floatToHalf(1f / 3)).isEqualTo((short) 0x3555);               // numpy: 13653
        assertThat(HalfFloats.floatToHalf(70000f)).isEqualTo((short) 0x7c00);
        assertThat(HalfFloats.floatToHalf(65519f)).isEqualTo((short) 0x7bff);
        assertThat(HalfFloats.floatToHalf(65520f)).isEqualTo((short) 0x7c00);
        assertThat(HalfFloats.floatToHalf(0x1p-25f)).isEqualTo((short) 0);                   // tie -> even zero
        assertThat(HalfFloats.floatToHalf(0x1.8p-25f)).isEqualTo((short) 1);
        assertThat(HalfFloats.floatToHalf(1e-10f)).isEqualTo((short) 0);
    }
}
