package org.vladapter.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Python 3 string and number semantics that the reference evaluation scripts rely on: {@code str.isspace},
 * {@code str.strip}, {@code str.split()}, {@code str.split(' ')} and {@code round(x, n)}.
 */
public final class PythonText {

    private PythonText() {}

    /**
     * Whether a code point is whitespace for Python 3's {@code str.isspace()} / {@code str.split()} (Unicode
     * whitespace, which differs from {@link Character#isWhitespace(int)}: it includes U+00A0 and U+0085 and the
     * information separators U+001C..U+001F).
     *
     * @param cp a code point
     * @return true when Python treats it as whitespace
     */
    public static boolean isSpace(int cp) {
        switch (cp) {
            case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
            case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
            case 0x85: case 0xA0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200A;
        }
    }

    /**
     * Python's {@code s.strip()}.
     *
     * @param s text
     * @return text without leading and trailing Python whitespace
     */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /**
     * Python's {@code s.strip(chars)}.
     *
     * @param s text
     * @param chars the characters to remove from both ends
     * @return text without leading and trailing characters from {@code chars}
     */
    public static String strip(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Python's {@code s.rstrip()}.
     *
     * @param s text
     * @return text without trailing Python whitespace
     */
    public static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(0, end);
    }

    /**
     * Python's {@code s.split()}: runs of whitespace separate words, no empty words.
     *
     * @param s text
     * @return the words
     */
    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            int start = i;
            while (i < n && !isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }

    /**
     * Python's {@code s.split(' ')}: every single space separates, empty words are kept ({@code "".split(' ')} is
     * {@code ['']}).
     *
     * @param s text
     * @return the pieces
     */
    public static List<String> splitOnSpace(String s) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int at;
        while ((at = s.indexOf(' ', start)) >= 0) {
            pieces.add(s.substring(start, at));
            start = at + 1;
        }
        pieces.add(s.substring(start));
        return pieces;
    }

    /**
     * Python 3's {@code s.lower()}: the simple lower-case mapping per code point, plus the two context rules Python
     * applies that {@link String#toLowerCase(java.util.Locale)} does differently: U+0130 becomes {@code "i\u0307"}, and
     * a capital sigma becomes final sigma when preceded by a cased letter and not followed by one (skipping
     * case-ignorable characters), as Python's {@code handle_capital_sigma}.
     *
     * @param s text
     * @return the lower-cased text
     */
    public static String lower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == 0x0130) {
                out.append("i\u0307");
            } else if (cp == 0x03A3) {
                out.append(isFinalSigma(s, i) ? '\u03C2' : '\u03C3');
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean isFinalSigma(String s, int at) {
        int j = at;
        int before = -1;
        while (j > 0) {
            int cp = s.codePointBefore(j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        j = at + 1;
        while (j < s.length()) {
            int cp = s.codePointAt(j);
            j += Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
        }
        return true;
    }

    private static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode Case_Ignorable: Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter / MidNumLet / Single_Quote. */
    private static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            case '\'': case '.': case ':': case 0x00B7: case 0x0387: case 0x05F4: case 0x2018: case 0x2019:
            case 0x2024: case 0x2027: case 0xFE13: case 0xFE52: case 0xFE55: case 0xFF07: case 0xFF0E: case 0xFF1A:
                return true;
            default:
                return false;
        }
    }

    /**
     * Python's {@code round(x, digits)} for a float: the exact binary value rounded half-to-even at the given decimal
     * place, returned as the nearest double.
     *
     * @param x value
     * @param digits decimal places
     * @return the rounded value
     */
    public static double round(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        BigDecimal rounded = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN);
        return Double.parseDouble(rounded.toString());
    }
}
