package org.vladapter.shapes.text;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.vladapter.tokenize.TokenizerFamily;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A word-level vocabulary built from the ShapesWorld corpus and its HuggingFace {@code tokenizer.json}
 * (model {@code WordLevel}, normalizer {@code Lowercase}, pre-tokenizer {@code BertPreTokenizer}: words split
 * at whitespace and every punctuation character a token of its own; post-processor {@code <s> $A </s>} for
 * BART, {@code $A </s>} for T5).
 *
 * <p>Ids: the family's special tokens first (BART {@code <s> <pad> </s> <unk> <mask>} = 0..4 as in
 * facebook/bart-base; T5 {@code <pad> </s> <unk>} = 0..2 as in t5-base), then the words in sorted order. A T5
 * vocabulary also holds the hundred sentinels {@code <extra_id_k>} at {@code V + 99 - k}, as t5-base does; for
 * BART they are left to {@code VlTokenizer}, which appends them and the visual tokens exactly as it does for
 * facebook/bart-base. {@link #tokenize} reproduces the pre-tokenizer in Java for the mini-CLIP's text encoder.
 */
public final class WordVocabulary {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    /** Words every vocabulary holds: the readers' input framing, task prompts, answers and digits. */
    static final List<String> FIXED = fixed();

    private final List<String> words;

    private WordVocabulary(List<String> words) {
        this.words = List.copyOf(words);
    }

    /**
     * @param texts the corpus
     * @return the sorted vocabulary of its tokens plus {@link #FIXED}
     */
    public static WordVocabulary build(Collection<String> texts) {
        TreeSet<String> set = new TreeSet<>(FIXED);
        for (String t : texts) {
            set.addAll(tokenize(t));
        }
        return new WordVocabulary(new ArrayList<>(set));
    }

    /**
     * The ShapesWorld vocabulary: every token of the world's text (scale 0.1 of the default seed already holds
     * every template word; the fixed list adds digits, punctuation and the readers' framing words).
     *
     * @return the vocabulary the shipped checkpoints use
     */
    public static WordVocabulary shapesWorld() {
        return build(org.vladapter.shapes.ShapesData.generate(
                new org.vladapter.shapes.ShapesConfig(org.vladapter.shapes.ShapesConfig.DEFAULT_SEED, 0.1)).corpus(false));
    }

    /**
     * Reads the words back from a {@code tokenizer.json} written by {@link #tokenizerJson}.
     *
     * @param tokenizerJson the JSON
     * @return the vocabulary
     */
    public static WordVocabulary fromTokenizerJson(String tokenizerJson) {
        JsonObject vocab = JsonParser.parseString(tokenizerJson).getAsJsonObject().getAsJsonObject("model").getAsJsonObject("vocab");
        List<String> out = new ArrayList<>();
        for (String w : vocab.keySet()) {
            if (!(w.startsWith("<") && w.endsWith(">"))) {
                out.add(w);
            }
        }
        out.sort(null);
        return new WordVocabulary(out);
    }

    /** @return the words (no special tokens), sorted */
    public List<String> words() {
        return words;
    }

    /**
     * Splits text as the tokenizer does: lower-cased, at whitespace, each punctuation character alone.
     *
     * @param text any text
     * @return its tokens
     */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String s = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || isPunctuation(c)) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
                if (isPunctuation(c)) {
                    out.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    /** BERT's punctuation: ASCII symbol ranges plus Unicode punctuation classes. */
    static boolean isPunctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
                || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION
                || t == Character.FINAL_QUOTE_PUNCTUATION || t == Character.OTHER_PUNCTUATION;
    }

    /**
     * @param family BART or T5 special-token conventions
     * @return the specials, then the words, by id
     */
    public List<String> tokens(TokenizerFamily family) {
        List<String> out = new ArrayList<>(specials(family));
        out.addAll(words);
        if (family == TokenizerFamily.T5) {
            for (int k = 99; k >= 0; k--) {
                out.add("<extra_id_" + k + ">");
            }
        }
        return out;
    }

    /**
     * @param family BART or T5
     * @return the model's vocabulary size for {@code config.json} (T5: including the sentinels)
     */
    public int modelVocabSize(TokenizerFamily family) {
        return tokens(family).size();
    }

    static List<String> specials(TokenizerFamily family) {
        return family == TokenizerFamily.BART ? List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>") : List.of("<pad>", "</s>", "<unk>");
    }

    /**
     * @param family BART or T5
     * @return the {@code tokenizer.json} text
     */
    public String tokenizerJson(TokenizerFamily family) {
        List<String> tokens = tokens(family);
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("<") && t.endsWith(">")) {
                JsonObject a = new JsonObject();
                a.addProperty("id", i);
                a.addProperty("content", t);
                a.addProperty("single_word", false);
                a.addProperty("lstrip", false);
                a.addProperty("rstrip", false);
                a.addProperty("normalized", false);
                a.addProperty("special", true);
                added.add(a);
            }
        }
        root.add("added_tokens", added);
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "Lowercase");
        root.add("normalizer", normalizer);
        JsonObject pre = new JsonObject();
        pre.addProperty("type", "BertPreTokenizer");
        root.add("pre_tokenizer", pre);
        root.add("post_processor", postProcessor(family, tokens));
        root.add("decoder", JsonNull.INSTANCE);
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordLevel");
        JsonObject vocab = new JsonObject();
        for (int i = 0; i < tokens.size(); i++) {
            vocab.addProperty(tokens.get(i), i);
        }
        model.add("vocab", vocab);
        model.addProperty("unk_token", "<unk>");
        root.add("model", model);
        return GSON.toJson(root) + "\n";
    }

    private static JsonElement postProcessor(TokenizerFamily family, List<String> tokens) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "TemplateProcessing");
        JsonArray single = new JsonArray();
        JsonArray pair = new JsonArray();
        Map<String, Integer> specials = new LinkedHashMap<>();
        if (family == TokenizerFamily.BART) {
            single.add(special("<s>"));
            pair.add(special("<s>"));
            specials.put("<s>", tokens.indexOf("<s>"));
        }
        single.add(sequence("A"));
        single.add(special("</s>"));
        pair.add(sequence("A"));
        pair.add(special("</s>"));
        pair.add(sequence("B"));
        pair.add(special("</s>"));
        specials.put("</s>", tokens.indexOf("</s>"));
        p.add("single", single);
        p.add("pair", pair);
        JsonObject st = new JsonObject();
        specials.forEach((t, id) -> {
            JsonObject o = new JsonObject();
            o.addProperty("id", t);
            JsonArray ids = new JsonArray();
            ids.add(id);
            o.add("ids", ids);
            JsonArray toks = new JsonArray();
            toks.add(t);
            o.add("tokens", toks);
            st.add(t, o);
        });
        p.add("special_tokens", st);
        return p;
    }

    private static JsonObject special(String token) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", token);
        inner.addProperty("type_id", 0);
        JsonObject o = new JsonObject();
        o.add("SpecialToken", inner);
        return o;
    }

    private static JsonObject sequence(String id) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", 0);
        JsonObject o = new JsonObject();
        o.add("Sequence", inner);
        return o;
    }

    private static List<String> fixed() {
        List<String> out = new ArrayList<>(List.of("[", "]", "(", ")", ":", ".", ",", "-", "?", "!", "'", "subs", "q",
                "ts", "choices", "a0", "a1", "a2", "a3", "a4", "vqa", "gqa", "gpa", "nlvr", "caption", "tvqa",
                "how2qa", "tvc", "yc2c", "true", "false", "yes", "no", "none"));
        for (int i = 0; i < 100; i++) {
            out.add(Integer.toString(i));
            out.add(String.format("%02d", i));
        }
        return out;
    }
}
