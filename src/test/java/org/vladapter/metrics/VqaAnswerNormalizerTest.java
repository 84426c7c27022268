package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values follow the rules of vqaEval.py's processPunctuation / processDigitArticle, applied by hand. */
class VqaAnswerNormalizerTest {

    @Test
    void punctuationNotNextToASpaceBecomesASpace() {
        // "/" is not followed or preceded by a space and there is no digit,digit -> replaced by ' '
        assertThat(VqaAnswerNormalizer.processPunctuation("red/white")).isEqualTo("red white");
        assertThat(VqaAnswerNormalizer.processPunctuation("t-shirt")).isEqualTo("t shirt");
    }

    @Test
    void punctuationNextToASpaceIsDeleted() {
        // "/ " occurs -> every "/" is deleted, leaving both spaces
        assertThat(VqaAnswerNormalizer.processPunctuation("red / white")).isEqualTo("red  white");
        // "!" preceded by a space in the original text -> deleted everywhere, also in "yes!"
        assertThat(VqaAnswerNormalizer.processPunctuation("yes! !")).isEqualTo("yes ");
    }

    @Test
    void digitCommaDigitAnywhereDeletesAllPunctuation() {
        assertThat(VqaAnswerNormalizer.processPunctuation("1,000")).isEqualTo("1000");
        // the comma rule is a global switch: "t-shirt" loses its hyphen without a space because "1,2" is present
        assertThat(VqaAnswerNormalizer.processPunctuation("t-shirt 1,2")).isEqualTo("tshirt 12");
        // "a,b" has no digit,digit: the comma becomes a space
        assertThat(VqaAnswerNormalizer.processPunctuation("a,b")).isEqualTo("a b");
    }

    @Test
    void periodsNotFollowedByADigitAreDeleted() {
        assertThat(VqaAnswerNormalizer.processPunctuation("3.5")).isEqualTo("3.5");
        assertThat(VqaAnswerNormalizer.processPunctuation("end.")).isEqualTo("end");
        assertThat(VqaAnswerNormalizer.processPunctuation("a.b.c.")).isEqualTo("abc");
        // the "(?!<=\d)" group is a look-ahead, not a look-behind: a period after a digit is deleted too
        assertThat(VqaAnswerNormalizer.processPunctuation("5.")).isEqualTo("5");
        // ".5": followed by a digit -> kept
        assertThat(VqaAnswerNormalizer.processPunctuation(".5")).isEqualTo(".5");
    }

    @Test
    void atMost32PeriodsAreDeleted() {
        // the original passes re.UNICODE (32) as sub()'s count: 40 periods -> the first 32 go, 8 stay
        String text = ".".repeat(40) + "x";
        assertThat(VqaAnswerNormalizer.processPunctuation(text)).isEqualTo(".".repeat(8) + "x");
    }

    @Test
    void digitArticleStep() {
        assertThat(VqaAnswerNormalizer.processDigitArticle("Two")).isEqualTo("2");
        assertThat(VqaAnswerNormalizer.processDigitArticle("none")).isEqualTo("0");
        assertThat(VqaAnswerNormalizer.processDigitArticle("ten")).isEqualTo("10");
        assertThat(VqaAnswerNormalizer.processDigitArticle("eleven")).isEqualTo("eleven");
        assertThat(VqaAnswerNormalizer.processDigitArticle("The  dog  an apple a")).isEqualTo("dog apple");
        assertThat(VqaAnswerNormalizer.processDigitArticle("dont")).isEqualTo("don't");
        assertThat(VqaAnswerNormalizer.processDigitArticle("whats up")).isEqualTo("what's up");
        // table keys written with capitals ("Im") can never match after lower-casing
        assertThat(VqaAnswerNormalizer.processDigitArticle("Im")).isEqualTo("im");
        // the table's reversed entry is kept as published
        assertThat(VqaAnswerNormalizer.processDigitArticle("somebody'd")).isEqualTo("somebodyd");
    }

    @Test
    void predictionNormalisation() {
        // newline/tab -> space, strip, punctuation ("?" -> ' '), lower-case, articles dropped, "two" -> "2"
        assertThat(VqaAnswerNormalizer.normalizePrediction("  The\tTwo dogs?\n")).isEqualTo("2 dogs");
        assertThat(VqaAnswerNormalizer.normalizePrediction("Yes.")).isEqualTo("yes");
        assertThat(VqaAnswerNormalizer.normalizePrediction("")).isEqualTo("");
    }
}
