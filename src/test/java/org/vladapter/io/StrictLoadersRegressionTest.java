package org.vladapter.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Regression tests from the fuzz campaign's failing safetensors inputs and from {@link StrictJson}'s rules. */
class StrictLoadersRegressionTest {

    @TempDir
    Path dir;

    @Test
    void int16TensorsLoadAsInt32InsteadOfAbortingTheJvm() throws Exception {
        byte[] data = RawSafeTensors.le(6, b -> b.putShort((short) 1).putShort((short) -2).putShort((short) 300));
        Path f = RawSafeTensors.write(dir.resolve("mask.safetensors"),
                "{\"attention_mask\":{\"dtype\":\"I16\",\"shape\":[1,3],\"data_offsets\":[0,6]}}", data);
        try (SafeTensorsFile file = SafeTensorsFile.open(f); NDManager m = NDManager.newBaseManager()) {
            NDArray a = file.load("attention_mask", m);
            assertThat(a.getDataType()).isEqualTo(DataType.INT32);
            assertThat(a.toIntArray()).containsExactly(1, -2, 300);
        }
    }

    @Test
    void deeplyNestedHeaderIsOneSentenceNotAStackOverflow() throws Exception {
        String nested = "[".repeat(20_000) + "]".repeat(20_000);
        Path f = RawSafeTensors.write(dir.resolve("deep.safetensors"), "{\"__metadata__\":{\"x\":" + nested + "}}",
                new byte[0]);
        assertThatThrownBy(() -> SafeTensorsFile.open(f).close()).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("deep.safetensors").hasMessageContaining("nested more than")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(300));
    }

    @Test
    void strictJsonRefusesWhatLenientParsingAccepted() {
        String[] bad = {"{'a': 1}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 1 /* c */}", "{\"a\": 1,}",
            "{\"a\": yes}", "{\"a\": 1, \"a\": 2}", "[1] [2]", "{\"a\": 01}", "{\"a\": .5}", "{\"a\": 1e}", "{\"a\": \"x"};
        for (String text : bad) {
            assertThatThrownBy(() -> StrictJson.parse(text, "in.json")).as(text)
                    .isInstanceOf(StrictJson.JsonFileException.class).hasMessageStartingWith("invalid JSON in in.json")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void strictJsonKeepsNumbersExactAndAsWritten() throws Exception {
        var o = StrictJson.parse("{\"id\": 4294967329, \"x\": 2.50, \"big\": 1e39}", "in.json").getAsJsonObject();
        assertThat(o.get("id").getAsString()).isEqualTo("4294967329");
        assertThat(StrictJson.exact(o.getAsJsonPrimitive("id")).longValueExact()).isEqualTo(4294967329L);
        assertThat(o.get("x").getAsString()).isEqualTo("2.50");
        assertThat(o.get("big").getAsFloat()).isInfinite(); // callers range-check before narrowing
    }
}
