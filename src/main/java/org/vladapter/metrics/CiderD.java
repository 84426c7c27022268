package org.vladapter.metrics;

import java.util.Arrays;
import java.util.List;
import org.vladapter.metrics.NgramIndex.SentenceNgrams;

/**
 * CIDEr-D as the COCO caption toolkit computes it (coco-caption's {@code Cider} / {@code cider_scorer.py}, reported as
 * "CIDEr").
 *
 * <ul>
 *   <li>Document frequency {@code df(g)}: the number of images whose references (any of them) contain n-gram g, over
 *       the evaluated corpus; {@code refLen = ln(#images)}.</li>
 *   <li>Each sentence becomes, per order n = 1..4, the vector {@code tf(g) * (refLen - ln(max(1, df(g))))} with its
 *       L2 norm (summed in first-occurrence order), and a "length" that is its number of <em>bigrams</em> (the
 *       original counts term frequencies where the 0-based order index is 1, so a sentence of L words has length
 *       L-1).</li>
 *   <li>Per reference and order: {@code val_n = sum_g min(vh(g), vr(g)) * vr(g)} (clipped), divided by
 *       {@code |vh| |vr|} when both are non-zero, times {@code e^(-(delta^2) / (2 * 6^2))} with {@code delta} the
 *       length difference (computed as {@code np.e ** x}, i.e. {@code pow(e, x)}).</li>
 *   <li>Image score: the per-order sums over references, averaged over the 4 orders, divided by the number of
 *       references, times 10. Corpus score: {@code np.mean} over images.</li>
 * </ul>
 * Inputs are tokenised captions; words are split with Python's {@code split()}.
 */
public final class CiderD {

    private static final int N = NgramIndex.MAX_ORDER;
    private static final double SIGMA = 6.0;

    /**
     * @param corpus mean CIDEr-D
     * @param perImage per-image CIDEr-D
     */
    public record Score(double corpus, double[] perImage) {}

    private CiderD() {}

    /**
     * @param candidates one tokenised candidate per image
     * @param references the tokenised references of each image (at least one each)
     * @return CIDEr-D
     */
    public static Score compute(List<String> candidates, List<List<String>> references) {
        return compute(CorpusNgrams.count(candidates, references));
    }

    static Score compute(CorpusNgrams corpusNgrams) {
        int images = corpusNgrams.images();
        SentenceNgrams[] tests = corpusNgrams.candidates;
        SentenceNgrams[][] refs = corpusNgrams.references;
        double[] logDf = documentFrequencyLogs(refs, corpusNgrams.index.size());
        double refLen = Math.log((double) images);

        double[] scores = new double[images];
        IntIntMap refPosition = new IntIntMap(256);
        for (int img = 0; img < images; img++) {
            Vector hyp = new Vector(tests[img], logDf, refLen);
            double[] score = new double[N];
            for (SentenceNgrams refNgrams : refs[img]) {
                Vector ref = new Vector(refNgrams, logDf, refLen);
                refPosition.clear();
                for (int i = 0; i < refNgrams.ids().length; i++) {
                    refPosition.put(refNgrams.ids()[i], i);
                }
                double delta = (double) (hyp.length - ref.length);
                double penalty = Math.pow(Math.E, -(delta * delta) / (2 * (SIGMA * SIGMA)));
                for (int n = 0; n < N; n++) {
                    double val = 0.0;
                    for (int i = hyp.ngrams.orderStart()[n]; i < hyp.ngrams.orderStart()[n + 1]; i++) {
                        int at = refPosition.get(hyp.ngrams.ids()[i], -1);
                        if (at >= 0) {
                            val += Math.min(hyp.values[i], ref.values[at]) * ref.values[at];
                        }
                    }
                    if (hyp.norms[n] != 0 && ref.norms[n] != 0) {
                        val /= hyp.norms[n] * ref.norms[n];
                    }
                    val *= penalty;
                    score[n] += val;
                }
            }
            double average = NumpyMath.mean(score);
            average /= refs[img].length;
            average *= 10.0;
            scores[img] = average;
        }
        return new Score(NumpyMath.mean(scores), scores);
    }

    /** {@code np.log(max(1.0, df))} for every interned n-gram (0 df for n-grams seen only in candidates). */
    private static double[] documentFrequencyLogs(SentenceNgrams[][] refs, int ngrams) {
        int[] df = new int[ngrams];
        int[] lastImage = new int[ngrams];
        Arrays.fill(lastImage, -1);
        for (int img = 0; img < refs.length; img++) {
            for (SentenceNgrams ref : refs[img]) {
                for (int id : ref.ids()) {
                    if (lastImage[id] != img) {
                        lastImage[id] = img;
                        df[id]++;
                    }
                }
            }
        }
        double[] logs = new double[ngrams];
        for (int i = 0; i < ngrams; i++) {
            logs[i] = Math.log(Math.max(1.0, (double) df[i]));
        }
        return logs;
    }

    /** {@code counts2vec}: tf-idf values in n-gram order, per-order norms, bigram-count length. */
    private static final class Vector {
        final SentenceNgrams ngrams;
        final double[] values;
        final double[] norms = new double[N];
        final int length;

        Vector(SentenceNgrams ngrams, double[] logDf, double refLen) {
            this.ngrams = ngrams;
            this.values = new double[ngrams.ids().length];
            int bigrams = 0;
            for (int n = 0; n < N; n++) {
                double squares = 0.0;
                for (int i = ngrams.orderStart()[n]; i < ngrams.orderStart()[n + 1]; i++) {
                    double v = (double) ngrams.counts()[i] * (refLen - logDf[ngrams.ids()[i]]);
                    values[i] = v;
                    squares += v * v;
                    if (n == 1) {
                        bigrams += ngrams.counts()[i];
                    }
                }
                norms[n] = Math.sqrt(squares);
            }
            this.length = bigrams;
        }
    }
}
