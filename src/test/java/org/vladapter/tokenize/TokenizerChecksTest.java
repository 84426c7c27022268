package org.vladapter.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Regression tests from the fuzz campaign's {@code tokenizer.json} inputs that aborted the JVM inside the Rust
 * library: damaged SentencePiece charsmaps and templates naming undefined special tokens are refused in Java first.
 */
class TokenizerChecksTest {

    private static final Path T5 = Path.of("src/test/resources/fixtures/python/t5_tokenizer.json");

    private static JsonObject t5() throws IOException {
        return JsonParser.parseString(Files.readString(T5)).getAsJsonObject();
    }

    private static byte[] charsmap(JsonObject root) {
        return Base64.getDecoder().decode(root.getAsJsonObject("normalizer").get("precompiled_charsmap").getAsString());
    }

    private static void setCharsmap(JsonObject root, byte[] map) {
        root.getAsJsonObject("normalizer").addProperty("precompiled_charsmap", Base64.getEncoder().encodeToString(map));
    }

    @Test
    void theRealCharsmapPassesAndTokenizes() throws IOException {
        try (VlTokenizer t = VlTokenizer.fromJson(t5().toString(), TokenizerFamily.T5, "t5.json")) {
            assertThat(t.encode("ｆｕｌｌｗｉｄｔｈ ① café")).isNotEmpty();
        }
    }

    @Test
    void damagedCharsmapsAreRefusedNamingFileAndField() throws IOException {
        JsonObject root = t5();
        byte[] map = charsmap(root);
        byte[] cut = java.util.Arrays.copyOf(map, map.length / 3);
        byte[] shortTrie = map.clone();
        ByteBuffer.wrap(shortTrie).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 4 * 300);
        byte[] hugeTrie = map.clone();
        hugeTrie[3] = 0x7f;
        byte[] badRoot = map.clone();
        ByteBuffer.wrap(badRoot).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7fff_fc00);
        for (byte[] damaged : new byte[][] {cut, shortTrie, hugeTrie, badRoot, new byte[2]}) {
            setCharsmap(root, damaged);
            assertThatThrownBy(() -> VlTokenizer.fromJson(root.toString(), TokenizerFamily.T5, "broken/tokenizer.json"))
                    .isInstanceOf(IOException.class).hasMessageContaining("broken/tokenizer.json")
                    .hasMessageContaining("normalizer.precompiled_charsmap");
        }
    }

    @Test
    void templateNamingAnUndefinedSpecialTokenIsRefused() throws IOException {
        JsonObject root = t5();
        String text = root.toString().replace("{\"SpecialToken\":{\"id\":\"</s>\"", "{\"SpecialToken\":{\"id\":\"<s>\"");
        assertThatThrownBy(() -> VlTokenizer.fromJson(text, TokenizerFamily.T5, "t.json"))
                .hasMessageContaining("t.json").hasMessageContaining("post_processor.single[1].SpecialToken.id")
                .hasMessageContaining("'<s>'");
    }

    @Test
    void lenientJsonAndMistypedEntriesAreRefused() throws IOException {
        String text = t5().toString();
        assertThatThrownBy(() -> VlTokenizer.fromJson(text.replaceFirst("\"version\"", "'version'"), TokenizerFamily.T5,
                "t.json")).hasMessageContaining("invalid JSON in t.json");
        assertThatThrownBy(() -> VlTokenizer.fromJson(text.replaceFirst("\"id\":0,", "\"id\":\"0\","), TokenizerFamily.T5,
                "t.json")).hasMessageContaining("added_tokens[0]");
    }
}
