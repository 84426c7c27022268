package org.vladapter.metrics;

import org.vladapter.text.PythonText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-L as the COCO caption toolkit computes it ({@code pycocoevalcap/rouge/rouge.py}).
 *
 * <p>Per image: the candidate and each reference are split on single spaces (Python {@code split(" ")}, so an empty
 * caption is one empty word); for each reference, with {@code lcs} the longest-common-subsequence length, precision
 * {@code lcs / len(candidate)} and recall {@code lcs / len(reference)}. The maximum precision and the maximum recall
 * are taken separately over the references (possibly from different references), then
 * {@code score = (1 + b^2) P R / (R + b^2 P)} with {@code b = 1.2}, or 0 when either is 0. The corpus score is
 * {@code np.mean} of the per-image scores.
 */
public final class RougeL {

    private static final double BETA = 1.2;

    /**
     * @param corpus mean ROUGE-L
     * @param perImage per-image ROUGE-L
     */
    public record Score(double corpus, double[] perImage) {}

    private RougeL() {}

    /**
     * @param candidates one tokenised candidate per image
     * @param references the tokenised references of each image (at least one each)
     * @return ROUGE-L
     */
    public static Score compute(List<String> candidates, List<List<String>> references) {
        CaptionCorpus.checkShapes(candidates, references);
        Map<String, Integer> vocabulary = new HashMap<>();
        double[] scores = new double[candidates.size()];
        int[] row = new int[0];
        for (int img = 0; img < candidates.size(); img++) {
            int[] cand = ids(PythonText.splitOnSpace(candidates.get(img)), vocabulary);
            double precMax = Double.NEGATIVE_INFINITY;
            double recMax = Double.NEGATIVE_INFINITY;
            for (String reference : references.get(img)) {
                int[] ref = ids(PythonText.splitOnSpace(reference), vocabulary);
                if (row.length < Math.min(cand.length, ref.length) + 1) {
                    row = new int[Math.max(cand.length, ref.length) + 1];
                }
                int lcs = lcs(ref, cand, row);
                precMax = Math.max(precMax, lcs / (double) cand.length);
                recMax = Math.max(recMax, lcs / (double) ref.length);
            }
            scores[img] = score(precMax, recMax);
        }
        return new Score(NumpyMath.mean(scores), scores);
    }

    /** {@code ((1 + beta**2)*prec_max*rec_max)/float(rec_max + beta**2*prec_max)}, 0 when either is 0. */
    static double score(double precMax, double recMax) {
        if (precMax == 0 || recMax == 0) {
            return 0.0;
        }
        double beta2 = BETA * BETA;
        return ((1 + beta2) * precMax * recMax) / (recMax + beta2 * precMax);
    }

    /** Longest common subsequence length with one rolling row over the shorter sequence. */
    static int lcs(int[] a, int[] b, int[] row) {
        int[] longer = a.length >= b.length ? a : b;
        int[] shorter = a.length >= b.length ? b : a;
        java.util.Arrays.fill(row, 0, shorter.length + 1, 0);
        for (int x : longer) {
            int diagonal = 0;
            for (int j = 1; j <= shorter.length; j++) {
                int above = row[j];
                row[j] = x == shorter[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]);
                diagonal = above;
            }
        }
        return row[shorter.length];
    }

    private static int[] ids(List<String> words, Map<String, Integer> vocabulary) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.computeIfAbsent(words.get(i), w -> vocabulary.size());
        }
        return ids;
    }
}
