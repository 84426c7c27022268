package org.vladapter.shapes.clip;

import org.vladapter.shapes.text.WordVocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The mini-CLIP's caption ids: word index + 2 (0 padding, 1 unknown), truncated to {@value MiniClip#MAX_TOKENS}. */
final class ClipText {

    private final Map<String, Integer> ids = new HashMap<>();

    ClipText(WordVocabulary vocabulary) {
        List<String> words = vocabulary.words();
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i + 2);
        }
    }

    int vocabSize() {
        return ids.size() + 2;
    }

    /** Fills row {@code row} of ids/mask [B, MAX_TOKENS]. */
    void encode(String text, long[] outIds, float[] outMask, int row) {
        List<String> tokens = WordVocabulary.tokenize(text);
        int n = Math.min(tokens.size(), MiniClip.MAX_TOKENS);
        for (int i = 0; i < n; i++) {
            outIds[row * MiniClip.MAX_TOKENS + i] = ids.getOrDefault(tokens.get(i), 1);
            outMask[row * MiniClip.MAX_TOKENS + i] = 1f;
        }
    }
}
