package org.vladapter.metrics;

import org.vladapter.text.PythonText;

import java.util.List;
import org.vladapter.metrics.NgramIndex.SentenceNgrams;

/**
 * The n-gram counts of a caption corpus (words split with Python's {@code split()}), computed once and shared by
 * {@link Bleu} and {@link CiderD}.
 */
final class CorpusNgrams {

    final NgramIndex index = new NgramIndex();
    final SentenceNgrams[] candidates;
    final SentenceNgrams[][] references;

    private CorpusNgrams(int images) {
        candidates = new SentenceNgrams[images];
        references = new SentenceNgrams[images][];
    }

    /**
     * @param candidates tokenised candidates
     * @param references tokenised references per image
     * @return the counts
     */
    static CorpusNgrams count(List<String> candidates, List<List<String>> references) {
        CaptionCorpus.checkShapes(candidates, references);
        CorpusNgrams c = new CorpusNgrams(candidates.size());
        for (int img = 0; img < candidates.size(); img++) {
            List<String> r = references.get(img);
            c.references[img] = new SentenceNgrams[r.size()];
            for (int j = 0; j < r.size(); j++) {
                c.references[img][j] = c.index.count(PythonText.split(r.get(j)));
            }
            c.candidates[img] = c.index.count(PythonText.split(candidates.get(img)));
        }
        return c;
    }

    int images() {
        return candidates.length;
    }
}
