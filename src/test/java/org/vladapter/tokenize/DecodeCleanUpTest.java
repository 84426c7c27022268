package org.vladapter.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * transformers 4.2.1's {@code clean_up_tokenization}, rule by rule, and decoding that applies it by default, as the
 * original's {@code batch_decode(ids, skip_special_tokens=True)} did.
 */
class DecodeCleanUpTest {

    private static String clean(String s) {
        return VlTokenizer.cleanUpTokenization(s);
    }

    @Test
    void eachRuleOnItsOwn() {
        assertThat(clean("a dog .")).isEqualTo("a dog.");
        assertThat(clean("a dog ?")).isEqualTo("a dog?");
        assertThat(clean("a dog !")).isEqualTo("a dog!");
        assertThat(clean("a dog , a cat")).isEqualTo("a dog, a cat");
        assertThat(clean("the ' dog ' s")).isEqualTo("the'dog's");
        assertThat(clean("is n't")).isEqualTo("isn't");
        assertThat(clean("i 'm")).isEqualTo("i'm");
        assertThat(clean("dog 's")).isEqualTo("dog's");
        assertThat(clean("we 've")).isEqualTo("we've");
        assertThat(clean("they 're")).isEqualTo("they're");
    }

    @Test
    void nothingElseChanges() {
        for (String s : List.of("we 'll go", "he 'd go", "time : 5", "a ; b", "a ( b )", "a - b", "\" a \"",
                "a.", "'s", "n't", "a\t.", "")) {
            assertThat(clean(s)).as(s).isEqualTo(s);
        }
    }

    @Test
    void rulesArePlainReplacementsAppliedInOrder() {
        // one space is removed per match, not all of them
        assertThat(clean("a dog  .")).isEqualTo("a dog .");
        // " ' " runs before " 'm": "i ' m" becomes "i'm" through the quote rule
        assertThat(clean("i ' m")).isEqualTo("i'm");
        // matches inside words count too: " 's" in " 'soon'" and " ." in " .5"
        assertThat(clean("say 'soon' at .5")).isEqualTo("say'soon' at.5");
        // every occurrence is replaced
        assertThat(clean("a . b . c .")).isEqualTo("a. b. c.");
    }

    private static VlTokenizer punctuated() throws IOException {
        JsonObject json = TinyTokenizers.bart();
        JsonObject vocab = json.getAsJsonObject("model").getAsJsonObject("vocab");
        String[] extra = {"it", "'s", "n't", "is", ".", "?", ","};
        for (int i = 0; i < extra.length; i++) {
            vocab.addProperty(extra[i], 12 + i);
        }
        return VlTokenizer.fromJson(json.toString(), TokenizerFamily.BART, "tiny-bart-punctuated");
    }

    @Test
    void decodeCleansUpByDefaultAndCanLeaveTheSpaces() throws IOException {
        try (VlTokenizer tok = punctuated()) {
            // <s> it 's the cat , is n't it ? </s> <pad>   (the tiny vocabulary has no decoder: tokens joined by spaces)
            long[] padded = {0, 12, 13, 10, 11, 18, 15, 14, 12, 17, 2, 1};
            assertThat(tok.decode(padded)).isEqualTo("it's the cat, isn't it?");
            assertThat(tok.decodeWithoutCleanUp(padded)).isEqualTo("it 's the cat , is n't it ?");
            assertThat(tok.decode(padded, true, false)).isEqualTo(tok.decodeWithoutCleanUp(padded));
            assertThat(tok.decode(padded, true, true)).isEqualTo(tok.decode(padded));
        }
    }
}
