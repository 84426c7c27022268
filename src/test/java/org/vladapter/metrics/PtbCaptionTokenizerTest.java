package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected strings: the PTB tokenisation rules (clitics split off, brackets escaped, quotes to `` and '') followed by
 * the toolkit's lower-casing and punctuation filter. Each was also checked against the toolkit's own CoreNLP 3.4.1
 * command line ({@code -preserveLines -lowerCase}) plus ptbtokenizer.py's filter.
 */
class PtbCaptionTokenizerTest {

    private static String tok(String s) {
        return PtbCaptionTokenizer.tokenize(s);
    }

    @Test
    void possessivesAndContractionsAreSplit() {
        assertThat(tok("A dog's bone.")).isEqualTo("a dog 's bone");
        assertThat(tok("I don't know, can't say won't.")).isEqualTo("i do n't know ca n't say wo n't");
        assertThat(tok("A man's hat--and a woman's.")).isEqualTo("a man 's hat and a woman 's");
    }

    @Test
    void hyphensAndDecimalsStayInsideWords() {
        assertThat(tok("A well-known man with a 3.5 inch phone.")).isEqualTo("a well-known man with a 3.5 inch phone");
        assertThat(tok("It costs $5.00 or 5,000 dollars at 3:45 p.m. in the U.S."))
                .isEqualTo("it costs $ 5.00 or 5,000 dollars at 3:45 p.m. in the u.s.");
    }

    @Test
    void quotesAndPunctuationTokensAreDropped() {
        // "hello" -> `` hello '' ; 'them' -> ` them ' ; all four quote tokens are in the punctuation list
        assertThat(tok("He said \"hello\" to 'them' today.")).isEqualTo("he said hello to them today");
        assertThat(tok("Is this a question? Yes! No; maybe: fine -- ok - ok."))
                .isEqualTo("is this a question yes no maybe fine ok ok");
        assertThat(tok("The end...")).isEqualTo("the end");
    }

    @Test
    void bracketsSurviveAsLowerCaseEscapes() {
        // -LRB- etc. are lower-cased before the filter, so the list's "-LRB-" never matches them
        assertThat(tok("A cat (black) sits {on} [the] mat."))
                .isEqualTo("a cat -lrb- black -rrb- sits -lcb- on -rcb- -lsb- the -rsb- mat");
    }

    @Test
    void upperCaseAndTrailingPeriods() {
        assertThat(tok("UPPER CASE WORDS AND Mixed Case.")).isEqualTo("upper case words and mixed case");
        assertThat(tok("Ends with period .")).isEqualTo("ends with period");
        assertThat(tok("Etc. and Mr. Smith")).isEqualTo("etc. and mr. smith");
    }

    @Test
    void emptyBlankAndMultiLineCaptionsKeepTheirPlace() {
        List<String> out = PtbCaptionTokenizer.tokenize(List.of("A dog.", "", "   ", "two\nlines\rhere", "...", "end"));
        assertThat(out).containsExactly("a dog", "", "", "two lines here", "", "end");
        // captions ending in an empty one
        assertThat(PtbCaptionTokenizer.tokenize(List.of("a", ""))).containsExactly("a", "");
        assertThat(PtbCaptionTokenizer.tokenize(List.of())).isEmpty();
    }

    @Test
    void charactersOutsideTheBmpAreDroppedAsCoreNlp341Does() {
        assertThat(tok("a dog\uD83D\uDE00running")).isEqualTo("a dog running");
    }

    @Test
    void currencyIsNormalisedAsPtb3() {
        // CoreNLP 3.4.1 normalises £ to # and € to $
        assertThat(tok("£3 and €4")).isEqualTo("# 3 and $ 4");
    }
}
