package org.vladapter.vision.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of an NPY file, parsed as the Python dict literal it is ({@code {'descr': '<f4', 'fortran_order':
 * False, 'shape': (49, 2048), }}): exactly the keys {@code descr}, {@code fortran_order} and {@code shape}, each
 * once; strings in single or double quotes; {@code True}/{@code False}; a tuple of non-negative integers with an
 * optional trailing comma. Anything else, and any text after the closing brace other than spaces and the final
 * newline, is refused with the file named.
 *
 * @param descr the dtype string, e.g. {@code <f4}
 * @param fortranOrder whether the data is in Fortran (column-major) order
 * @param shape the dimensions, exactly as written
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    static NpyHeader parse(String text, String source) {
        Parser p = new Parser(text, source);
        Map<String, Object> dict = p.dict();
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw p.fail("unexpected text after the header dict");
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new FeatureStoreException(source + ": NPY header has no '" + key + "' key");
            }
        }
        if (dict.size() != 3) {
            List<String> extra = new ArrayList<>(dict.keySet());
            extra.removeAll(List.of("descr", "fortran_order", "shape"));
            throw new FeatureStoreException(source + ": NPY header has unexpected keys " + extra);
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new FeatureStoreException(source + ": NPY header 'descr' must be a string");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new FeatureStoreException(source + ": NPY header 'fortran_order' must be True or False");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new FeatureStoreException(source + ": NPY header 'shape' must be a tuple of integers");
        }
        return new NpyHeader(descr, fortran, shape);
    }

    private static final class Parser {
        private final String text;
        private final String source;
        private int pos;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        FeatureStoreException fail(String what) {
            return new FeatureStoreException(source + ": malformed NPY header at character " + pos + ": " + what);
        }

        void skipSpaces() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                    || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
                pos++;
            }
        }

        boolean accept(char c) {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw fail("expected '" + c + "'");
            }
        }

        Map<String, Object> dict() {
            expect('{');
            Map<String, Object> out = new LinkedHashMap<>();
            while (!accept('}')) {
                skipSpaces();
                String key = string();
                expect(':');
                Object value = value();
                if (out.put(key, value) != null) {
                    throw fail("key '" + key + "' appears twice");
                }
                if (!accept(',')) {
                    expect('}');
                    break;
                }
            }
            return out;
        }

        Object value() {
            skipSpaces();
            if (pos >= text.length()) {
                throw fail("the header ends inside the dict");
            }
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw fail("expected a string, a tuple, True or False");
        }

        String string() {
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw fail("expected a quoted string");
            }
            char quote = text.charAt(pos++);
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != quote) {
                if (text.charAt(pos) == '\\' || text.charAt(pos) == '\n') {
                    throw fail("escapes and line breaks are not allowed in header strings");
                }
                pos++;
            }
            if (pos >= text.length()) {
                throw fail("unterminated string");
            }
            return text.substring(start, pos++);
        }

        long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            boolean comma = true;
            while (!accept(')')) {
                if (!comma) {
                    throw fail("expected ',' or ')' in the shape");
                }
                skipSpaces();
                int start = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw fail("shape dimensions must be non-negative integers");
                }
                String digits = text.substring(start, pos);
                if (digits.length() > 1 && digits.charAt(0) == '0') {
                    throw fail("shape dimension '" + digits + "' has a leading zero");
                }
                try {
                    dims.add(Long.parseLong(digits));
                } catch (NumberFormatException e) {
                    throw fail("shape dimension " + digits + " is too large");
                }
                comma = accept(',');
            }
            if (dims.size() == 1 && !comma) {
                throw fail("a one-element shape tuple needs a trailing comma, e.g. (3,)");
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
