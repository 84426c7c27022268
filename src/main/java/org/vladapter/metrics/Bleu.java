package org.vladapter.metrics;

import java.util.List;
import org.vladapter.metrics.NgramIndex.SentenceNgrams;

/**
 * BLEU-1..4 as the COCO caption toolkit computes it ({@code pycocoevalcap/bleu}: {@code Bleu(4)} calling
 * {@code BleuScorer.compute_score(option='closest')}).
 *
 * <p>Corpus level: clipped n-gram matches ({@code min(count in candidate, max count in any one reference)}) and
 * candidate n-gram counts ({@code max(0, len - n + 1)}) are summed over all images; the effective reference length of
 * each image is the reference length closest to the candidate's (ties to the shorter). Then for n = 1..4 the running
 * product {@code p = p * (correct_n + 1e-15) / (guess_n + 1e-9)} gives {@code BLEU-n = p^(1/n)}, and when
 * {@code ratio = (testlen + 1e-15) / (reflen + 1e-9) < 1} every BLEU-n is multiplied by {@code exp(1 - 1/ratio)}.
 * (The toolkit names these constants {@code tiny = 1e-15} for the numerator and {@code small = 1e-9} for the
 * denominator.) The per-image scores ({@code bleu_list}) follow the same formula on one image's counts.
 *
 * <p>Inputs are tokenised captions (see {@link PtbCaptionTokenizer}); words are split with Python's {@code split()}.
 */
public final class Bleu {

    private static final int N = NgramIndex.MAX_ORDER;
    private static final double TINY = 1e-15;
    private static final double SMALL = 1e-9;

    /**
     * Corpus BLEU and per-image BLEU.
     *
     * @param corpus corpus-level BLEU-1..4
     * @param perImage per-image BLEU-n, {@code perImage[n-1][image]}
     */
    public record Score(double[] corpus, double[][] perImage) {}

    private Bleu() {}

    /**
     * @param candidates one tokenised candidate per image
     * @param references the tokenised references of each image (at least one each)
     * @return BLEU-1..4
     */
    public static Score compute(List<String> candidates, List<List<String>> references) {
        return compute(CorpusNgrams.count(candidates, references));
    }

    static Score compute(CorpusNgrams corpusNgrams) {
        IntIntMap maxCounts = new IntIntMap(256);
        int images = corpusNgrams.images();
        double[][] perImage = new double[N][images];
        long[] correctTotal = new long[N];
        long[] guessTotal = new long[N];
        long testLenTotal = 0;
        long refLenTotal = 0;
        for (int img = 0; img < images; img++) {
            maxCounts.clear();
            SentenceNgrams[] refs = corpusNgrams.references[img];
            int[] refLens = new int[refs.length];
            for (int r = 0; r < refs.length; r++) {
                SentenceNgrams ref = refs[r];
                refLens[r] = ref.length();
                for (int i = 0; i < ref.ids().length; i++) {
                    int id = ref.ids()[i];
                    if (ref.counts()[i] > maxCounts.get(id, 0)) {
                        maxCounts.put(id, ref.counts()[i]);
                    }
                }
            }
            SentenceNgrams test = corpusNgrams.candidates[img];
            int testLen = test.length();
            int[] correct = new int[N];
            int[] guess = new int[N];
            for (int k = 0; k < N; k++) {
                guess[k] = Math.max(0, testLen - k);
                for (int i = test.orderStart()[k]; i < test.orderStart()[k + 1]; i++) {
                    correct[k] += Math.min(maxCounts.get(test.ids()[i], 0), test.counts()[i]);
                }
            }
            int refLen = closest(refLens, testLen);
            testLenTotal += testLen;
            refLenTotal += refLen;
            double bleu = 1.0;
            for (int k = 0; k < N; k++) {
                correctTotal[k] += correct[k];
                guessTotal[k] += guess[k];
                bleu *= ((double) correct[k] + TINY) / ((double) guess[k] + SMALL);
                perImage[k][img] = Math.pow(bleu, 1.0 / (k + 1));
            }
            double ratio = (testLen + TINY) / (refLen + SMALL);
            if (ratio < 1) {
                for (int k = 0; k < N; k++) {
                    perImage[k][img] *= Math.exp(1 - 1 / ratio);
                }
            }
        }
        double[] corpus = new double[N];
        double bleu = 1.0;
        for (int k = 0; k < N; k++) {
            bleu *= ((double) correctTotal[k] + TINY) / ((double) guessTotal[k] + SMALL);
            corpus[k] = Math.pow(bleu, 1.0 / (k + 1));
        }
        double ratio = ((double) testLenTotal + TINY) / ((double) refLenTotal + SMALL);
        if (ratio < 1) {
            for (int k = 0; k < N; k++) {
                corpus[k] *= Math.exp(1 - 1 / ratio);
            }
        }
        return new Score(corpus, perImage);
    }

    /** {@code min((abs(l - testlen), l) for l in reflens)[1]}. */
    static int closest(int[] refLens, int testLen) {
        int best = refLens[0];
        for (int l : refLens) {
            int d = Math.abs(l - testLen);
            int bestD = Math.abs(best - testLen);
            if (d < bestD || (d == bestD && l < best)) {
                best = l;
            }
        }
        return best;
    }
}
