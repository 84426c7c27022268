package org.vladapter.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The COCO caption evaluation as VL-Adapter runs it ({@code language_evaluation.CocoEvaluator}, which wraps
 * pycocoevalcap): references have {@code _UNK} replaced by {@code _UNKNOWN} (a plain substring replacement, optional),
 * references and candidates are PTB-tokenised ({@link PtbCaptionTokenizer}), then {@link Bleu} (BLEU-1..4),
 * {@link RougeL} and {@link CiderD} are computed. METEOR and SPICE are not computed
 * ({@link CaptionScores#UNAVAILABLE}).
 *
 * <p>Images are scored in the order given. For TVC / YC2C validation each description is its own item with a single
 * reference (spec section 5.5); build the lists that way.
 */
public final class CaptionEvaluator {

    private final boolean tokenize;
    private final boolean replaceUnk;

    private CaptionEvaluator(Builder builder) {
        this.tokenize = builder.tokenize;
        this.replaceUnk = builder.replaceUnk;
    }

    /**
     * @return a builder (defaults: PTB tokenisation on, {@code _UNK} replacement on, as VL-Adapter)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores candidates against references.
     *
     * @param candidates one raw candidate caption per image
     * @param references raw reference captions per image (at least one each)
     * @return the scores
     * @throws IllegalArgumentException when the lists are empty or do not match
     */
    public CaptionScores evaluate(List<String> candidates, List<List<String>> references) {
        CaptionCorpus.checkShapes(candidates, references);
        List<String> cands = candidates;
        List<List<String>> refs = references;
        if (replaceUnk) {
            refs = new ArrayList<>(references.size());
            for (List<String> r : references) {
                List<String> replaced = new ArrayList<>(r.size());
                for (String s : r) {
                    replaced.add(s.replace("_UNK", "_UNKNOWN"));
                }
                refs.add(replaced);
            }
        }
        if (tokenize) {
            // two passes, references then candidates, as the toolkit's two PTBTokenizer runs; run concurrently
            List<String> allRefs = new ArrayList<>();
            for (List<String> r : refs) {
                allRefs.addAll(r);
            }
            List<String> rawCands = cands;
            CompletableFuture<List<String>> tokCands =
                    CompletableFuture.supplyAsync(() -> PtbCaptionTokenizer.tokenize(rawCands));
            List<String> tokenized = PtbCaptionTokenizer.tokenize(allRefs);
            List<List<String>> tokRefs = new ArrayList<>(refs.size());
            int at = 0;
            for (List<String> r : refs) {
                tokRefs.add(tokenized.subList(at, at + r.size()));
                at += r.size();
            }
            cands = join(tokCands);
            refs = tokRefs;
        }
        List<String> finalCands = cands;
        List<List<String>> finalRefs = refs;
        CompletableFuture<RougeL.Score> rougeTask =
                CompletableFuture.supplyAsync(() -> RougeL.compute(finalCands, finalRefs));
        CorpusNgrams ngrams = CorpusNgrams.count(cands, refs);
        Bleu.Score bleu = Bleu.compute(ngrams);
        CiderD.Score cider = CiderD.compute(ngrams);
        RougeL.Score rouge = join(rougeTask);
        Map<String, double[]> perImage = new LinkedHashMap<>();
        for (int k = 0; k < bleu.perImage().length; k++) {
            perImage.put("BLEU-" + (k + 1), bleu.perImage()[k]);
        }
        perImage.put("ROUGE-L", rouge.perImage());
        perImage.put("CIDEr-D", cider.perImage());
        return new CaptionScores(bleu.corpus(), rouge.corpus(), cider.corpus(), cands.size(), perImage);
    }

    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Options of a {@link CaptionEvaluator}. */
    public static final class Builder {
        private boolean tokenize = true;
        private boolean replaceUnk = true;

        private Builder() {}

        /**
         * @param tokenize false when the captions are already PTB-tokenised (lower case, punctuation removed)
         * @return this builder
         */
        public Builder ptbTokenization(boolean tokenize) {
            this.tokenize = tokenize;
            return this;
        }

        /**
         * @param replaceUnk whether to replace {@code _UNK} by {@code _UNKNOWN} in references, as
         *     {@code language_evaluation.CocoEvaluator} does (true) or not, as plain pycocoevalcap (false)
         * @return this builder
         */
        public Builder replaceUnk(boolean replaceUnk) {
            this.replaceUnk = replaceUnk;
            return this;
        }

        /**
         * @return the evaluator
         */
        public CaptionEvaluator build() {
            return new CaptionEvaluator(this);
        }
    }
}
