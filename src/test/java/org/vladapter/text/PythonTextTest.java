package org.vladapter.text;

import org.vladapter.text.PythonText;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonTextTest {

    @Test
    void splitFollowsPythonWhitespace() {
        // Python: "a\u00a0b  c\t".split() == ['a', 'b', 'c'] (U+00A0 is whitespace for str.isspace)
        assertThat(PythonText.split("a\u00a0b  c\t")).containsExactly("a", "b", "c");
        assertThat(PythonText.split("   ")).isEmpty();
        // Python: "".split(' ') == [''] and "a  b".split(' ') == ['a', '', 'b']
        assertThat(PythonText.splitOnSpace("")).containsExactly("");
        assertThat(PythonText.splitOnSpace("a  b")).containsExactly("a", "", "b");
    }

    @Test
    void stripAndRstrip() {
        assertThat(PythonText.strip("\u3000 x y \u0085")).isEqualTo("x y");
        assertThat(PythonText.rstrip("  x  ")).isEqualTo("  x");
    }

    @Test
    void roundIsHalfEvenOnTheExactBinaryValue() {
        // Python: round(0.125, 2) == 0.12 (exact tie, to even); round(0.375, 2) == 0.38
        assertThat(PythonText.round(0.125, 2)).isEqualTo(0.12);
        assertThat(PythonText.round(0.375, 2)).isEqualTo(0.38);
        // Python: round(2.675, 2) == 2.67 because the double 2.675 is 2.67499999999999982236431605997495353221893310546875
        assertThat(PythonText.round(2.675, 2)).isEqualTo(2.67);
        // 100 * 1.9 / 3 = 63.333... -> 63.33
        assertThat(PythonText.round(100 * 1.9 / 3, 2)).isEqualTo(63.33);
    }

    @Test
    void lowerAppliesPythonsFinalSigmaRule() {
        // Python: "ΣΑΣ(".lower() == "σας(" — '(' is neither cased nor case-ignorable, so the last Σ is final
        assertThat(PythonText.lower("ΣΑΣ(")).isEqualTo("σας(");
        // Python: "ΣΑΣΑ".lower() == "σασα"
        assertThat(PythonText.lower("ΣΑΣΑ")).isEqualTo("σασα");
        // Python: "İ".lower() == "i\u0307"
        assertThat(PythonText.lower("İ")).isEqualTo("i\u0307");
        assertThat(PythonText.lower("Dog's HAT")).isEqualTo("dog's hat");
    }
}
