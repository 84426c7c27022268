package org.vladapter.metrics;

import org.vladapter.text.PythonText;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer normalisation of the official VQA evaluation ({@code vqaEval.py} of the VQA API, copied unchanged into
 * VL-T5's {@code VQAEvaluator}).
 *
 * <p>Two steps, applied as the callers in {@link VqaAccuracy} decide:
 * <ol>
 *   <li>{@link #processPunctuation(String)}: for each of the 21 punctuation characters
 *       {@code ; / [ ] " { } ( ) = + \ _ - > < @ ` , ? !}: if the <em>original</em> text contains that character
 *       followed by a space or preceded by a space, or if it contains a digit-comma-digit sequence anywhere, the
 *       character is deleted, otherwise it is replaced by a space. Then periods are deleted with the regular expression
 *       {@code (?!<=\d)(\.)(?!\d)}. That expression's first group was meant as a look-behind but is a negative
 *       look-ahead for the literal {@code "<="} followed by a digit, which can never match at a period; so in effect
 *       every period that is not followed by a digit is deleted, including one preceded by a digit ({@code "5." -> "5"}).
 *       The original passes {@code re.UNICODE} (= 32) in the position of {@code count}, so at most the first 32 such
 *       periods are deleted; this class does the same.</li>
 *   <li>{@link #processDigitArticle(String)}: lower-case, split on whitespace, map the number words
 *       {@code none zero one ... ten} to digits ({@code none -> 0}), drop the articles {@code a an the}, then replace
 *       words found in the contractions table (e.g. {@code dont -> don't}), join with single spaces. The table is used
 *       as published, including its entries that can never match after lower-casing ({@code Im}, {@code Ive}, ...) and
 *       its reversed entry {@code somebody'd -> somebodyd}.</li>
 * </ol>
 * Whitespace, lower-casing and {@code \d} follow Python 3 (Unicode) semantics.
 */
public final class VqaAnswerNormalizer {

    private static final List<String> PUNCTUATION = List.of(
            ";", "/", "[", "]", "\"", "{", "}", "(", ")", "=", "+", "\\", "_", "-", ">", "<", "@", "`", ",", "?",
            "!");

    /** The original's {@code (?!<=\d)(\.)(?!\d)}, kept verbatim for its quirk (see class comment). */
    private static final Pattern PERIOD_STRIP =
            Pattern.compile("(?!<=\\d)(\\.)(?!\\d)", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern COMMA_STRIP = Pattern.compile("(\\d)(,)(\\d)", Pattern.UNICODE_CHARACTER_CLASS);

    /** {@code re.UNICODE}, passed by the original as the {@code count} argument of {@code sub}. */
    private static final int PERIOD_STRIP_MAX_REPLACEMENTS = 32;

    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("none", "0"), Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"),
            Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"),
            Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"));

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    private VqaAnswerNormalizer() {}

    /**
     * The full normalisation VL-T5 applies to a predicted answer: newlines and tabs to spaces, strip, then
     * {@link #processPunctuation(String)} and {@link #processDigitArticle(String)}.
     *
     * @param answer a predicted answer
     * @return the normalised answer
     */
    public static String normalizePrediction(String answer) {
        String text = answer.replace('\n', ' ').replace('\t', ' ');
        text = PythonText.strip(text);
        return processDigitArticle(processPunctuation(text));
    }

    /**
     * {@code processPunctuation} of the VQA evaluation (see the class comment for the exact rule).
     *
     * @param text an answer
     * @return the answer with punctuation removed or replaced by spaces
     */
    public static String processPunctuation(String text) {
        boolean digitCommaDigit = COMMA_STRIP.matcher(text).find();
        String out = text;
        for (String p : PUNCTUATION) {
            if (text.contains(p + " ") || text.contains(" " + p) || digitCommaDigit) {
                out = out.replace(p, "");
            } else {
                out = out.replace(p, " ");
            }
        }
        return stripPeriods(out);
    }

    private static String stripPeriods(String text) {
        Matcher m = PERIOD_STRIP.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        int replaced = 0;
        while (replaced < PERIOD_STRIP_MAX_REPLACEMENTS && m.find()) {
            sb.append(text, last, m.start());
            last = m.end();
            replaced++;
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /**
     * {@code processDigitArticle} of the VQA evaluation: lower-case, number words to digits, articles dropped,
     * contractions restored, words joined by single spaces.
     *
     * @param text an answer
     * @return the normalised answer
     */
    public static String processDigitArticle(String text) {
        List<String> words = PythonText.split(PythonText.lower(text));
        StringBuilder out = new StringBuilder(text.length());
        for (String word : words) {
            String w = NUMBER_WORDS.getOrDefault(word, word);
            if (ARTICLES.contains(w)) {
                continue;
            }
            w = VqaContractions.TABLE.getOrDefault(w, w);
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(w);
        }
        return out.toString();
    }
}
