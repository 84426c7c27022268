package org.vladapter.metrics;

import org.vladapter.text.PythonText;

import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordTokenFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The COCO caption toolkit's tokenisation ({@code pycocoevalcap/tokenizer/ptbtokenizer.py}): Stanford
 * {@code PTBTokenizer} run as {@code -preserveLines -lowerCase} over all captions at once (one caption per line,
 * newlines inside a caption replaced by spaces), then the tokens in the toolkit's punctuation list
 * {@code '' ' `` ` -LRB- -RRB- -LCB- -RCB- . ? ! , : - -- ... ;} dropped and the rest joined by single spaces.
 *
 * <p>Quirks kept because the toolkit has them: lower-casing happens after PTB escaping, so brackets come out as
 * {@code -lrb-}, {@code -rrb-}, {@code -lcb-}, {@code -rcb-}, {@code -lsb-}, {@code -rsb-}, which do not match the
 * upper-case entries of the punctuation list and stay in the caption as words. An empty caption becomes {@code ""}.
 *
 * <p>The toolkit ships CoreNLP 3.4.1; this project has CoreNLP 4.5.7, whose defaults differ (no bracket escaping, split
 * hyphens, Unicode quotes, no currency normalisation, kept emoji). It is configured with
 * {@code invertible=false,tokenizeNLs,ptb3Escaping=true,normalizeCurrency=true,untokenizable=noneDelete} (the
 * non-invertible lexer also keeps {@code -5} whole, as 3.4.1), and characters outside the Basic Multilingual Plane
 * (emoji) are replaced by spaces because 3.4.1 deletes them as untokenizable. Checked against CoreNLP 3.4.1's command line: identical output on the
 * 1,000 captions of coco-caption's {@code captions_val2014_fakecap_results.json} and on hand-written corner cases
 * (possessives, contractions, hyphens, decimals, quotes, brackets, upper case, trailing periods). Remaining known
 * differences of the 4.5.7 lexer, all rare in captions: {@code rock'n'roll} / {@code y'all} (3.4.1 splits),
 * {@code c'mon} and {@code dunno} (4.5.7 splits), {@code 5pm} (4.5.7 splits), some abbreviations ({@code approx.}),
 * words glued together with apostrophes, and decomposed accents (4.5.7 composes them, NFC). On a 21,065-line
 * adversarial corpus (random glued fragments of such forms) 2,533 lines differ after the punctuation filter; on the
 * 1,065 realistic lines in it, none.
 *
 * <p>The lexer looks ahead across line ends, so the last caption of a pass (end of input) can tokenise differently
 * from the same caption followed by another; like the toolkit, which tokenises references and candidates in two
 * separate runs, {@link CaptionEvaluator} makes one pass per group.
 *
 * <p>Line breaks inside a caption other than {@code \n} ({@code \r}, U+000B, U+000C, U+0085, U+2028, U+2029) are also
 * replaced by spaces: in the toolkit they would shift every later caption onto the wrong image.
 */
public final class PtbCaptionTokenizer {

    /** Options that make CoreNLP 4.5.7 tokenise as the 3.4.1 command line {@code -preserveLines} does. */
    static final String OPTIONS =
            "invertible=false,tokenizeNLs,ptb3Escaping=true,normalizeCurrency=true,untokenizable=noneDelete";

    /** The toolkit's {@code PUNCTUATIONS}. */
    static final Set<String> PUNCTUATION = Set.of(
            "''", "'", "``", "`", "-LRB-", "-RRB-", "-LCB-", "-RCB-", ".", "?", "!", ",", ":", "-", "--", "...",
            ";");

    private PtbCaptionTokenizer() {}

    /**
     * Tokenises captions as the toolkit does, all in one pass.
     *
     * @param captions raw captions
     * @return one tokenised caption per input, in order: lower-case tokens joined by single spaces
     */
    public static List<String> tokenize(List<String> captions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < captions.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            appendAsOneLine(text, captions.get(i));
        }
        List<String> lines = new ArrayList<>(captions.size());
        PTBTokenizer<Word> lexer = new PTBTokenizer<>(new StringReader(text.toString()), new WordTokenFactory(), OPTIONS);
        String newline = PTBTokenizer.getNewlineToken();
        StringBuilder line = new StringBuilder();
        while (lexer.hasNext()) {
            String word = lexer.next().word();
            if (word.equals(newline)) {
                lines.add(filterPunctuation(line.toString()));
                line.setLength(0);
            } else {
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word.toLowerCase(Locale.ENGLISH));
            }
        }
        if (!captions.isEmpty()) {
            lines.add(filterPunctuation(line.toString()));
        }
        if (lines.size() != captions.size()) {
            throw new IllegalStateException("PTB tokenisation produced " + lines.size() + " lines for "
                    + captions.size() + " captions");
        }
        return lines;
    }

    /**
     * Tokenises one caption (convenience for tests and single sentences; batches should use {@link #tokenize(List)}).
     *
     * @param caption raw caption
     * @return the tokenised caption
     */
    public static String tokenize(String caption) {
        return tokenize(List.of(caption)).get(0);
    }

    private static void appendAsOneLine(StringBuilder out, String caption) {
        for (int i = 0; i < caption.length(); ) {
            int cp = caption.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029
                    || cp > 0xFFFF) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
    }

    /** {@code ' '.join(w for w in line.rstrip().split(' ') if w not in PUNCTUATIONS)}. */
    private static String filterPunctuation(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean first = true;
        for (String w : PythonText.splitOnSpace(PythonText.rstrip(line))) {
            if (PUNCTUATION.contains(w)) {
                continue;
            }
            if (!first) {
                out.append(' ');
            }
            out.append(w);
            first = false;
        }
        return out.toString();
    }
}
