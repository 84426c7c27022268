package org.vladapter.tasks;

import org.vladapter.tokenize.TextEncoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test tokenizer with BART's conventions: {@code <s>}=0, {@code <pad>}=1, {@code </s>}=2, words split on
 * whitespace get ids from 3 on in order of first use; {@code encode} = bos + words + eos, truncated like HF
 * (content cut so that the result has at most maxLength ids including both specials).
 */
public final class WhitespaceEncoder implements TextEncoder {

    static final long BOS = 0;
    static final long PAD = 1;
    static final long EOS = 2;

    private final Map<String, Long> ids = new HashMap<>();
    private final List<String> words = new ArrayList<>(List.of("<s>", "<pad>", "</s>"));

    @Override
    public synchronized long[] encode(String text, int maxLength) {
        String[] tokens = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
        int keep = maxLength > 0 ? Math.min(tokens.length, maxLength - 2) : tokens.length;
        long[] out = new long[keep + 2];
        out[0] = BOS;
        for (int i = 0; i < keep; i++) {
            out[i + 1] = id(tokens[i]);
        }
        out[keep + 1] = EOS;
        return out;
    }

    synchronized long id(String word) {
        return ids.computeIfAbsent(word, w -> {
            words.add(w);
            return (long) words.size() - 1;
        });
    }

    @Override
    public synchronized String decode(long[] tokenIds) {
        StringBuilder out = new StringBuilder();
        for (long id : tokenIds) {
            if (id > EOS) {
                // an id no text has used yet (an untrained model can generate any id) decodes as <unk>
                out.append(out.length() == 0 ? "" : " ").append(id < words.size() ? words.get((int) id) : "<unk>");
            }
        }
        return out.toString();
    }

    @Override
    public long padId() {
        return PAD;
    }

    @Override
    public long eosId() {
        return EOS;
    }

    @Override
    public int vocabSize() {
        return 50465;
    }
}
