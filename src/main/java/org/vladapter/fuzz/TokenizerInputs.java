package org.vladapter.fuzz;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.vladapter.io.StrictJson;
import org.vladapter.tokenize.TokenizerFamily;
import org.vladapter.tokenize.VlTokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code tokenizer.json} of a T5 (SentencePiece unigram with a {@code precompiled_charsmap}) and a BART tokenizer,
 * loaded with {@link VlTokenizer#load} and used to encode text that walks the charsmap: damaged charsmaps and
 * {@code TemplateProcessing} templates naming undefined special tokens (both aborted the JVM inside the Rust
 * library), lenient JSON, truncation and random edits.
 */
final class TokenizerInputs implements InputClass {

    static final String FILE = "tokenizer.json";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final String[] TEXTS = {
        "A man riding a horse.", "Ünïcödé ｆｕｌｌｗｉｄｔｈ ① ﬁ café ℃ Ⅻ ｶﾞ", "what is   on the\ttable?\u3000(１２３)",
    };

    @Override
    public String name() {
        return "tokenizer";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) throws Exception {
        String t5Pretty = Mutations.text(Mutations.resource("t5_tokenizer.json.gz"));
        String bart = Mutations.text(Mutations.resource("bart_tokenizer.json.gz"));
        Map<String, byte[]> t5Files = Mutations.files(FILE, Mutations.utf8(t5Pretty));
        Map<String, byte[]> bartFiles = Mutations.files("bart/" + FILE, Mutations.utf8(bart));
        JsonObject root = StrictJson.parse(t5Pretty, FILE).getAsJsonObject();
        String t5 = GSON.toJson(root); // compact, so the structured edits below find their text
        String charsmap = root.getAsJsonObject("normalizer").get("precompiled_charsmap").getAsString();
        byte[] map = Base64.getDecoder().decode(charsmap);
        List<FuzzCase> fixed = new ArrayList<>();
        fixed.add(t5("template-undefined-special", t5.replace("{\"SpecialToken\":{\"id\":\"</s>\"",
                "{\"SpecialToken\":{\"id\":\"<s>\""), Expect.REFUSE, t5Files));
        fixed.add(t5("template-ids-tokens-mismatch", t5.replace("\"ids\":[1],\"tokens\":[\"</s>\"]",
                "\"ids\":[1,1],\"tokens\":[\"</s>\"]"), Expect.REFUSE, t5Files));
        fixed.add(t5("charsmap-empty", t5.replace(charsmap, ""), Expect.REFUSE, t5Files));
        fixed.add(t5("charsmap-not-base64", t5.replace(charsmap, "%%%" + charsmap.substring(3)), Expect.REFUSE, t5Files));
        byte[] bigTrie = map.clone();
        bigTrie[3] = 0x7f;
        fixed.add(t5("charsmap-trie-size-past-end", t5.replace(charsmap, Base64.getEncoder().encodeToString(bigTrie)),
                Expect.REFUSE, t5Files));
        byte[] smallTrie = map.clone();
        java.nio.ByteBuffer.wrap(smallTrie).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, 4 * 300);
        fixed.add(t5("charsmap-trie-shortened", t5.replace(charsmap, Base64.getEncoder().encodeToString(smallTrie)),
                Expect.REFUSE, t5Files));
        fixed.add(t5("charsmap-cut", t5.replace(charsmap, Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOf(map, map.length / 3))), Expect.REFUSE, t5Files));
        fixed.add(t5("single-quotes", Mutations.replaceFirst(t5, "\"version\"", "'version'"), Expect.REFUSE, t5Files));
        fixed.add(t5("added-token-id-string", Mutations.replaceFirst(t5, "\"id\":0,", "\"id\":\"0\","), Expect.REFUSE,
                t5Files));
        fixed.add(t5("duplicate-key", Mutations.replaceFirst(t5, "\"version\":", "\"truncation\":null,\"truncation\":"),
                Expect.REFUSE, t5Files));
        fixed.add(t5("compact", t5, Expect.ACCEPT_SAME, t5Files));
        fixed.add(new FuzzCase("bart-compact", Mutations.files("bart/" + FILE, Mutations.utf8(GSON.toJson(
                StrictJson.parse(bart, FILE)))), "bart/" + FILE, Expect.ACCEPT_SAME, bartFiles));
        return Mutations.assemble(fixed, count, () -> {
            int kind = random.nextInt(3);
            if (kind == 0) {
                // damage the charsmap: the trie units or the replacement strings
                byte[] m = map.clone();
                int edits = 1 + random.nextInt(4);
                StringBuilder label = new StringBuilder("charsmap-bytes");
                for (int i = 0; i < edits; i++) {
                    int p = 4 + random.nextInt(m.length - 4);
                    m[p] = (byte) random.nextInt(256);
                    label.append('@').append(p);
                }
                return t5(label.toString(), t5.replace(charsmap, Base64.getEncoder().encodeToString(m)), Expect.EITHER,
                        t5Files);
            }
            if (kind == 1) {
                return Mutations.randomJsonEdit(random, "bart/" + FILE, Map.of(), Mutations.utf8(bart));
            }
            return Mutations.randomJsonEdit(random, FILE, Map.of(), Mutations.utf8(t5Pretty));
        });
    }

    private static FuzzCase t5(String label, String text, Expect expect, Map<String, byte[]> original) {
        return new FuzzCase(label, Mutations.files(FILE, Mutations.utf8(text)), FILE, expect, original);
    }

    @Override
    public Object load(Path folder, String target) throws Exception {
        TokenizerFamily family = target.startsWith("bart/") ? TokenizerFamily.BART : TokenizerFamily.T5;
        List<String> out = new ArrayList<>();
        try (VlTokenizer t = VlTokenizer.load(folder.resolve(target), family)) {
            for (String text : TEXTS) {
                out.add(java.util.Arrays.toString(t.encode(text)));
            }
        }
        return out;
    }
}
