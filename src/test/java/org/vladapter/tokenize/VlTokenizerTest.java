package org.vladapter.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class VlTokenizerTest {

    @TempDir Path dir;

    private static VlTokenizer bart() throws IOException {
        return VlTokenizer.fromJson(TinyTokenizers.bart().toString(), TokenizerFamily.BART, "tiny-bart");
    }

    private static VlTokenizer t5() throws IOException {
        return VlTokenizer.fromJson(TinyTokenizers.t5().toString(), TokenizerFamily.T5, "tiny-t5");
    }

    @Test
    void bartAppendsTheVlTokensInSpecOrder() throws IOException {
        try (VlTokenizer tok = bart()) {
            assertThat(tok.baseVocabSize()).isEqualTo(12);
            assertThat(tok.vocabSize()).isEqualTo(212);
            assertThat(tok.extraTokenId(99)).isEqualTo(12);
            assertThat(tok.extraTokenId(0)).isEqualTo(111);
            assertThat(tok.visTokenId(99)).isEqualTo(112);
            assertThat(tok.visTokenId(0)).isEqualTo(211);
            assertThat(tok.bosId()).isZero();
            assertThat(tok.padId()).isEqualTo(1);
            assertThat(tok.eosId()).isEqualTo(2);
            assertThat(tok.unkId()).isEqualTo(3);
            assertThat(tok.specialTokenCount()).isEqualTo(2);

            assertThat(tok.encode("hello world")).containsExactly(0, 6, 7, 2);
            assertThat(tok.encode("")).containsExactly(0, 2);
            assertThat(tok.encode("zebra")).containsExactly(0, 3, 2);
            // added tokens are never split, with or without spaces around them
            assertThat(tok.encode("a<vis_extra_id_3>b")).containsExactly(0, 4, 208, 5, 2);
            assertThat(tok.encode("a <extra_id_0> b")).containsExactly(0, 4, 111, 5, 2);
            assertThat(tok.tokens("a<vis_extra_id_3>b")).containsExactly("<s>", "a", "<vis_extra_id_3>", "b", "</s>");
            assertThat(tok.encodeWithoutSpecialTokens("hello world")).containsExactly(6, 7);
            assertThat(tok.firstTokenId("the cat")).isEqualTo(10);
        }
    }

    @Test
    void truncationKeepsTheSpecialTokens() throws IOException {
        try (VlTokenizer tok = bart()) {
            assertThat(tok.encode("the cat hello world a b", 4)).containsExactly(0, 10, 11, 2);
            assertThat(tok.encode("the cat", 2)).containsExactly(0, 2);
            assertThat(tok.encode("the cat", 10)).containsExactly(0, 10, 11, 2);
            assertThat(tok.encode("the cat", 0)).containsExactly(0, 10, 11, 2);
            assertThatThrownBy(() -> tok.encode("the cat", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxLength 1");
        }
        try (VlTokenizer tok = t5()) {
            assertThat(tok.encode("hello world a", 2)).containsExactly(3, 1);
            assertThat(tok.encode("hello world a", 1)).containsExactly(1);
        }
    }

    @Test
    void decodeSkipsSpecialAndVlTokens() throws IOException {
        try (VlTokenizer tok = bart()) {
            assertThat(tok.decode(new long[] {0, 6, 7, 208, 111, 2, 1, 1})).isEqualTo("hello world");
            assertThat(tok.decode(new long[] {0, 6, 2}, false, false)).isEqualTo("<s> hello </s>");
            assertThat(tok.decode(new long[] {1, 1})).isEmpty();
        }
    }

    @Test
    void t5KeepsItsSentinelsAndAddsVisualTokensAfterThem() throws IOException {
        try (VlTokenizer tok = t5()) {
            assertThat(tok.baseVocabSize()).isEqualTo(10);
            assertThat(tok.vocabSize()).isEqualTo(210);
            assertThat(tok.extraTokenId(0)).isEqualTo(109);
            assertThat(tok.extraTokenId(99)).isEqualTo(10);
            assertThat(tok.visTokenId(0)).isEqualTo(209);
            assertThat(tok.visTokenId(99)).isEqualTo(110);
            assertThat(tok.padId()).isZero();
            assertThat(tok.eosId()).isEqualTo(1);
            assertThat(tok.specialTokenCount()).isEqualTo(1);
            assertThatThrownBy(tok::bosId).isInstanceOf(IllegalStateException.class).hasMessageContaining("T5");

            assertThat(tok.encode("hello world")).containsExactly(3, 4, 1);
            assertThat(tok.encode("")).containsExactly(1);
            assertThat(tok.encode("hello<vis_extra_id_0>world")).containsExactly(3, 209, 4, 1);
            assertThat(tok.encode("<extra_id_5> a")).containsExactly(104, 5, 1);
            assertThat(tok.decode(new long[] {3, 209, 104, 4, 1, 0, 0})).isEqualTo("hello world");
        }
    }

    @Test
    void batchesArePaddedToTheLongestRow() throws IOException {
        try (VlTokenizer tok = bart(); NDManager m = NDManager.newBaseManager()) {
            BatchEncoding b = tok.encodeBatch(List.of("hello world", "", "a b the cat"), 0);
            assertThat(b.batchSize()).isEqualTo(3);
            assertThat(b.length()).isEqualTo(6);
            assertThat(b.ids()).isDeepEqualTo(new long[][] {{0, 6, 7, 2, 1, 1}, {0, 2, 1, 1, 1, 1}, {0, 4, 5, 10, 11, 2}});
            assertThat(b.attentionMask())
                    .isDeepEqualTo(new long[][] {{1, 1, 1, 1, 0, 0}, {1, 1, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}});
            BatchEncoding cut = tok.encodeBatch(List.of("hello world", "a b the cat"), 3);
            assertThat(cut.ids()).isDeepEqualTo(new long[][] {{0, 6, 2}, {0, 4, 2}});
            NDArray ids = b.idsArray(m);
            assertThat(ids.getShape()).isEqualTo(new Shape(3, 6));
            assertThat(b.maskArray(m).toLongArray()).containsExactly(1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
        }
    }

    @Test
    void loadsFromAFolderOrFileAndSavesTheAugmentedJson() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), TinyTokenizers.bart().toString());
        Path saved = dir.resolve("out/tokenizer.json");
        try (VlTokenizer fromFolder = VlTokenizer.load(dir, "bart");
                VlTokenizer fromFile = VlTokenizer.load(dir.resolve("tokenizer.json"), TokenizerFamily.BART)) {
            assertThat(fromFolder.encode("a<vis_extra_id_3>b")).containsExactly(fromFile.encode("a<vis_extra_id_3>b"));
            fromFolder.save(saved);
        }
        // the saved file already holds the VL tokens: they are verified, not added again
        try (VlTokenizer again = VlTokenizer.load(saved, "BART")) {
            assertThat(again.vocabSize()).isEqualTo(212);
            assertThat(again.encode("a<vis_extra_id_3>b")).containsExactly(0, 4, 208, 5, 2);
        }
    }

    @Test
    void errorsSayWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> VlTokenizer.load(dir, "bart")).isInstanceOf(IOException.class)
                .hasMessageContaining("no tokenizer at").hasMessageContaining("tokenizer.json");
        assertThatThrownBy(() -> VlTokenizer.load(dir, "gpt2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt2'");
        assertThatThrownBy(() -> VlTokenizer.fromJson("{not json", TokenizerFamily.BART, "broken.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("broken.json");
        // a T5 tokenizer.json given as BART lacks <s>
        assertThatThrownBy(() -> VlTokenizer.fromJson(TinyTokenizers.t5().toString(), TokenizerFamily.BART, "t5.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("'<s>'").hasMessageContaining("BART");

        JsonObject wrongSentinel = TinyTokenizers.t5();
        for (JsonElement e : wrongSentinel.getAsJsonArray("added_tokens")) {
            JsonObject t = e.getAsJsonObject();
            if (t.get("content").getAsString().equals("<extra_id_0>")) {
                t.addProperty("content", "<extra_id_100>");
            }
        }
        JsonArray vocab = wrongSentinel.getAsJsonObject("model").getAsJsonArray("vocab");
        vocab.get(vocab.size() - 1).getAsJsonArray().set(0, new com.google.gson.JsonPrimitive("<extra_id_100>"));
        assertThatThrownBy(() -> VlTokenizer.fromJson(wrongSentinel.toString(), TokenizerFamily.T5, "t5.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("<extra_id_0> has id none, expected 109");

        JsonObject extraAfter = TinyTokenizers.t5();
        extraAfter.getAsJsonArray("added_tokens").add(TinyTokenizers.addedToken(110, "<sep>"));
        assertThatThrownBy(() -> VlTokenizer.fromJson(extraAfter.toString(), TokenizerFamily.T5, "t5.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("<vis_extra_id_99> would get id 111")
                .hasMessageContaining("needs 110");

        VlTokenizer closed = bart();
        closed.close();
        assertThatThrownBy(() -> closed.encode("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void cleanUpTokenizationMatchesHuggingFace() {
        assertThat(VlTokenizer.cleanUpTokenization("it 's a dog , is n't it ? yes !"))
                .isEqualTo("it's a dog, isn't it? yes!");
        assertThat(VlTokenizer.cleanUpTokenization("we 're here . i 'm ok , they 've ' quoted ' "))
                .isEqualTo("we're here. i'm ok, they've'quoted'"); // as transformers' clean_up_tokenization
    }
}
