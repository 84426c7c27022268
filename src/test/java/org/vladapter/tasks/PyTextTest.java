package org.vladapter.tasks;

import org.vladapter.text.PythonText;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class PyTextTest {

    private static String str(String json) {
        return PyText.str(JsonParser.parseString(json));
    }

    @Test
    void stripUsesPythonWhitespace() {
        assertThat(PythonText.strip("\u00a0 a b\t\n\u2003")).isEqualTo("a b");
        assertThat(PythonText.strip("\u200b x")).isEqualTo("\u200b x"); // zero-width space is not whitespace in Python
        assertThat(PythonText.strip("...A beer bottle. ", ". ")).isEqualTo("A beer bottle");
        assertThat(PythonText.strip(". . .", ". ")).isEmpty();
    }

    @Test
    void jsonValuesRenderAsPythonStr() {
        assertThat(str("\"1.21-8.49\"")).isEqualTo("1.21-8.49");
        assertThat(str("[16.82, 19.42]")).isEqualTo("[16.82, 19.42]");
        assertThat(str("[16, 19.0]")).isEqualTo("[16, 19.0]");
        assertThat(str("24")).isEqualTo("24");
        assertThat(str("5.0")).isEqualTo("5.0");
        assertThat(str("5.10")).isEqualTo("5.1");
        assertThat(str("1E2")).isEqualTo("100.0");
        assertThat(str("true")).isEqualTo("True");
        assertThat(str("null")).isEqualTo("None");
        assertThat(str("[\"a\", \"it's\"]")).isEqualTo("['a', \"it's\"]");
        assertThat(str("{\"a\": 1}")).isEqualTo("{'a': 1}");
    }

    @Test
    void floatReprMatchesPython() {
        assertThat(PyText.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PyText.floatRepr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PyText.floatRepr(1e-5)).isEqualTo("1e-05");
        assertThat(PyText.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PyText.floatRepr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PyText.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PyText.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyText.floatRepr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(PyText.floatRepr(-2.5)).isEqualTo("-2.5");
        assertThat(PyText.floatRepr(-0.0)).isEqualTo("-0.0");
        assertThat(PyText.floatRepr(2e-3)).isEqualTo("0.002");
        assertThat(PyText.floatRepr(5e-324)).isEqualTo("5e-324");
    }
}
