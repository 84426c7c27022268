package org.vladapter.tasks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The few Python string behaviours the original input strings depend on: {@code str.strip()} (Python's
 * notion of whitespace, wider than Java's), {@code str.strip(chars)}, and {@code str()} / f-string
 * formatting of values parsed from JSON (e.g. a VALUE {@code ts} of {@code [16.82, 19.42]} renders as
 * {@code "[16.82, 19.42]"}, an integer as {@code "24"}, a float as Python's shortest repr {@code "5.0"}).
 */
public final class PyText {

    private PyText() {}

    /**
     * Python's {@code str(value)} of a value as {@code json.loads} would produce it: strings as is, integers
     * in decimal, floats in Python's shortest round-trip repr, lists and objects as Python reprs, {@code
     * True}/{@code False}/{@code None}.
     *
     * @param value a JSON value
     * @return its Python string form
     */
    public static String str(JsonElement value) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        return repr(value);
    }

    /**
     * @param value a JSON value
     * @return Python's {@code repr()} of the value {@code json.loads} would produce
     */
    public static String repr(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "None";
        }
        if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < array.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(repr(array.get(i)));
            }
            return out.append(']').toString();
        }
        if (value.isJsonObject()) {
            JsonObject object = value.getAsJsonObject();
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, JsonElement> e : object.entrySet()) {
                out.append(first ? "" : ", ").append(quote(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return out.append('}').toString();
        }
        JsonPrimitive p = value.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean() ? "True" : "False";
        }
        if (p.isString()) {
            return quote(p.getAsString());
        }
        String text = p.getAsString();
        boolean isFloat = text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
        if (!isFloat) {
            return new java.math.BigInteger(text).toString();
        }
        return floatRepr(Double.parseDouble(text));
    }

    /**
     * @param x a double
     * @return Python's {@code repr(float)}: the shortest digits that round-trip, fixed notation for decimal
     *     exponents in [-4, 16), scientific ({@code 1e-05}, {@code 1.5e+16}) otherwise
     */
    public static String floatRepr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == x) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        // value = 0.d1d2... x 10^decpt
        int decpt = digits.length() - shortest.scale();
        String sign = x < 0 ? "-" : "";
        if (decpt > -4 && decpt <= 16) {
            StringBuilder out = new StringBuilder(sign);
            if (decpt <= 0) {
                out.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= digits.length()) {
                out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits.substring(decpt));
            }
            return out.toString();
        }
        int exponent = decpt - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == q) {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(q).toString();
    }
}
