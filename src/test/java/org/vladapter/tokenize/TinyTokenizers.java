package org.vladapter.tokenize;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;

/** Hand-written tokenizer.json files in BART and T5 style for tests. */
final class TinyTokenizers {

    /** BART-style WordLevel words after the four specials; V = 12. */
    static final List<String> BART_WORDS = List.of("a", "b", "hello", "world", "caption", ":", "the", "cat");
    /** T5-style unigram pieces after pad/eos/unk; V = 10. */
    static final List<String> T5_PIECES = List.of("▁hello", "▁world", "▁a", "▁b", "▁", "a", "b");

    private TinyTokenizers() {}

    static JsonObject addedToken(long id, String content) {
        JsonObject t = new JsonObject();
        t.addProperty("id", id);
        t.addProperty("content", content);
        t.addProperty("single_word", false);
        t.addProperty("lstrip", false);
        t.addProperty("rstrip", false);
        t.addProperty("normalized", false);
        t.addProperty("special", true);
        return t;
    }

    private static JsonObject special(String token) {
        JsonObject o = new JsonObject();
        JsonObject inner = new JsonObject();
        inner.addProperty("id", token);
        inner.addProperty("type_id", 0);
        o.add("SpecialToken", inner);
        return o;
    }

    private static JsonObject sequence() {
        JsonObject o = new JsonObject();
        JsonObject inner = new JsonObject();
        inner.addProperty("id", "A");
        inner.addProperty("type_id", 0);
        o.add("Sequence", inner);
        return o;
    }

    private static JsonObject specialTokenEntry(String token, long id) {
        JsonObject e = new JsonObject();
        e.addProperty("id", token);
        JsonArray ids = new JsonArray();
        ids.add(id);
        e.add("ids", ids);
        JsonArray tokens = new JsonArray();
        tokens.add(token);
        e.add("tokens", tokens);
        return e;
    }

    private static JsonObject template(JsonArray single, JsonObject specials) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "TemplateProcessing");
        p.add("single", single);
        JsonArray pair = new JsonArray();
        single.forEach(pair::add);
        p.add("pair", pair);
        p.add("special_tokens", specials);
        return p;
    }

    private static JsonObject root(JsonArray added, JsonObject model) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        root.add("added_tokens", added);
        root.add("normalizer", null);
        root.add("model", model);
        return root;
    }

    /** {@code <s>}=0, {@code <pad>}=1, {@code </s>}=2, {@code <unk>}=3, then {@link #BART_WORDS}; whitespace split. */
    static JsonObject bart() {
        JsonArray added = new JsonArray();
        String[] specials = {"<s>", "<pad>", "</s>", "<unk>"};
        JsonObject vocab = new JsonObject();
        for (int i = 0; i < specials.length; i++) {
            added.add(addedToken(i, specials[i]));
            vocab.addProperty(specials[i], i);
        }
        for (int i = 0; i < BART_WORDS.size(); i++) {
            vocab.addProperty(BART_WORDS.get(i), 4 + i);
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordLevel");
        model.add("vocab", vocab);
        model.addProperty("unk_token", "<unk>");
        JsonObject root = root(added, model);
        JsonObject pre = new JsonObject();
        pre.addProperty("type", "Whitespace");
        root.add("pre_tokenizer", pre);
        JsonArray single = new JsonArray();
        single.add(special("<s>"));
        single.add(sequence());
        single.add(special("</s>"));
        JsonObject st = new JsonObject();
        st.add("<s>", specialTokenEntry("<s>", 0));
        st.add("</s>", specialTokenEntry("</s>", 2));
        root.add("post_processor", template(single, st));
        root.add("decoder", null);
        return root;
    }

    /**
     * {@code <pad>}=0, {@code </s>}=1, {@code <unk>}=2, {@link #T5_PIECES}, then {@code <extra_id_99>..<extra_id_0>}
     * in the unigram vocabulary (and in added_tokens) as t5-base has them; metaspace pre-tokenizer.
     */
    static JsonObject t5() {
        JsonArray added = new JsonArray();
        JsonArray vocab = new JsonArray();
        String[] specials = {"<pad>", "</s>", "<unk>"};
        for (int i = 0; i < specials.length; i++) {
            added.add(addedToken(i, specials[i]));
            vocab.add(piece(specials[i], 0.0));
        }
        for (int i = 0; i < T5_PIECES.size(); i++) {
            vocab.add(piece(T5_PIECES.get(i), -1.0 - i));
        }
        int v = vocab.size();
        for (int k = 99; k >= 0; k--) {
            added.add(addedToken(v + 99 - k, "<extra_id_" + k + ">"));
            vocab.add(piece("<extra_id_" + k + ">", 0.0));
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "Unigram");
        model.addProperty("unk_id", 2);
        model.add("vocab", vocab);
        model.addProperty("byte_fallback", false);
        JsonObject root = root(added, model);
        JsonObject meta = new JsonObject();
        meta.addProperty("type", "Metaspace");
        meta.addProperty("replacement", "▁");
        meta.addProperty("prepend_scheme", "always");
        meta.addProperty("split", true);
        root.add("pre_tokenizer", meta);
        root.add("decoder", meta.deepCopy());
        JsonArray single = new JsonArray();
        single.add(sequence());
        single.add(special("</s>"));
        JsonObject st = new JsonObject();
        st.add("</s>", specialTokenEntry("</s>", 1));
        root.add("post_processor", template(single, st));
        return root;
    }

    private static JsonArray piece(String p, double score) {
        JsonArray a = new JsonArray();
        a.add(p);
        a.add(score);
        return a;
    }
}
