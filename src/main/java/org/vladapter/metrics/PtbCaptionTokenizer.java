package org.vladapter.metrics;

import org.vladapter.text.PythonText;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The COCO caption toolkit's tokenisation ({@code pycocoevalcap/tokenizer/ptbtokenizer.py}), run with the very
 * library the toolkit calls: Stanford CoreNLP 3.4.1 (the toolkit ships {@code stanford-corenlp-3.4.1.jar} and runs
 * {@code edu.stanford.nlp.process.PTBTokenizer -preserveLines -lowerCase} on a file of all captions, one per line).
 *
 * <p>What this class does, step by step, as the toolkit does it:
 * <ol>
 *   <li>newlines inside a caption become spaces and the captions are joined by {@code \n};</li>
 *   <li>the text is lexed by {@code PTBTokenizer} with a {@code CoreLabelTokenFactory} and the option string that
 *       {@code -preserveLines} gives the command line ({@code tokenizeNLs}); every newline token
 *       ({@code *NL*}) ends an output line;</li>
 *   <li>each token is lower-cased with {@code toLowerCase(Locale.ENGLISH)} and the tokens of a line are joined by
 *       single spaces;</li>
 *   <li>each line is {@code rstrip}ped, split on {@code ' '}, and the tokens in the toolkit's punctuation list
 *       {@code '' ' `` ` -LRB- -RRB- -LCB- -RCB- . ? ! , : - -- ... ;} are dropped.</li>
 * </ol>
 *
 * <p>Quirks kept because the toolkit has them: lower-casing happens after PTB escaping, so brackets come out as
 * {@code -lrb-}, {@code -rrb-}, {@code -lcb-}, {@code -rcb-}, {@code -lsb-}, {@code -rsb-}, which do not match the
 * upper-case entries of the punctuation list and stay in the caption as words; an empty caption becomes
 * {@code ""}; characters the 3.4.1 lexer cannot tokenise (emoji and other characters outside the Basic
 * Multilingual Plane, some symbols) are deleted by it.
 *
 * <p>Two differences from the toolkit, both where the toolkit would misbehave rather than tokenise differently:
 * the untokenisable-character warning the command line logs once per run is not logged ({@code
 * untokenizable=noneDelete}: the same deletion, no message), and line breaks inside a caption other than
 * {@code \n} ({@code \r}, U+000B, U+000C, U+0085, U+2028, U+2029), which the lexer also reads as line ends, are
 * replaced by spaces too: in the toolkit they would shift every later caption onto the wrong image.
 *
 * <p>The lexer looks ahead across line ends, so the last caption of a pass (end of input) can tokenise differently
 * from the same caption followed by another; like the toolkit, which tokenises references and candidates in two
 * separate runs, {@link CaptionEvaluator} makes one pass per group.
 *
 * <p>Tested against the toolkit itself: {@code CaptionToolkitFixtureTest} compares every line of a corpus of
 * awkward captions with the output of pycocoevalcap's {@code ptbtokenizer.py} running the 3.4.1 jar.
 */
public final class PtbCaptionTokenizer {

    /**
     * The lexer options: what {@code -preserveLines} adds on the 3.4.1 command line ({@code tokenizeNLs}), and
     * the silent form of the default deletion of untokenisable characters.
     */
    static final String OPTIONS = "tokenizeNLs,untokenizable=noneDelete";

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
        PTBTokenizer<CoreLabel> lexer =
                new PTBTokenizer<>(new StringReader(text.toString()), new CoreLabelTokenFactory(), OPTIONS);
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
                    + captions.size() + " captions (a caption that is exactly the lexer's newline token "
                    + newline + "?)");
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
        for (int i = 0; i < caption.length(); i++) {
            char ch = caption.charAt(i);
            if (ch == '\n' || ch == '\r' || ch == 0x0B || ch == 0x0C || ch == 0x85 || ch == 0x2028 || ch == 0x2029) {
                out.append(' ');
            } else {
                out.append(ch);
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
