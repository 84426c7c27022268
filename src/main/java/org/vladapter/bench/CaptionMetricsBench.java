package org.vladapter.bench;

import org.vladapter.metrics.CaptionEvaluator;
import org.vladapter.metrics.CaptionScores;
import org.vladapter.metrics.PtbCaptionTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark of the caption evaluation (PTB tokenisation, BLEU-1..4, ROUGE-L, CIDEr-D) on synthetic COCO-like corpora
 * of 5,000, 10,000 and 25,000 candidates with 5 references each. Prints the median of 3 timed runs (after two warm-up
 * runs on the largest size and one per size) per size, the share spent in tokenisation, and the time ratios to the smallest size (linear growth: about 2
 * and 5).
 *
 * <p>Run: {@code java -XX:ActiveProcessorCount=2 -cp target/vl-adapter.jar org.vladapter.metrics.CaptionMetricsBench
 * [sizes...]}
 */
public final class CaptionMetricsBench {

    private static final int REFERENCES = 5;
    private static final int RUNS = 3;

    private CaptionMetricsBench() {}

    /**
     * @param args optional corpus sizes (default 5000 10000 25000)
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {5000, 10000, 25000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "caption metrics benchmark: %d references per candidate, %d runs, %d cpus%n",
                REFERENCES, RUNS, Runtime.getRuntime().availableProcessors());
        CaptionEvaluator evaluator = CaptionEvaluator.builder().build();
        // JIT warm-up on the largest corpus, so that the timed sizes compare like with like
        List<String> warmCandidates = new ArrayList<>();
        List<List<String>> warmReferences = new ArrayList<>();
        synthesize(Arrays.stream(sizes).max().orElse(1000), new Random(1), warmCandidates, warmReferences);
        for (int i = 0; i < 2; i++) {
            evaluator.evaluate(warmCandidates, warmReferences);
        }
        double firstMedian = Double.NaN;
        for (int size : sizes) {
            List<String> candidates = new ArrayList<>();
            List<List<String>> references = new ArrayList<>();
            synthesize(size, new Random(size), candidates, references);
            evaluator.evaluate(candidates, references);
            double[] total = new double[RUNS];
            double[] tokenize = new double[RUNS];
            CaptionScores scores = null;
            for (int run = 0; run < RUNS; run++) {
                List<String> all = new ArrayList<>();
                references.forEach(all::addAll);
                all.addAll(candidates);
                long t0 = System.nanoTime();
                PtbCaptionTokenizer.tokenize(all);
                long t1 = System.nanoTime();
                scores = evaluator.evaluate(candidates, references);
                long t2 = System.nanoTime();
                tokenize[run] = (t1 - t0) / 1e9;
                total[run] = (t2 - t1) / 1e9;
            }
            double median = BenchStats.median(total);
            if (Double.isNaN(firstMedian)) {
                firstMedian = median;
            }
            System.out.printf(Locale.ROOT,
                    "%6d candidates: median %.3f s (runs %s), of which PTB tokenisation ~%.3f s; ratio to %d: %.2f"
                            + " (size ratio %.2f); CIDEr-D %.4f BLEU-4 %.4f%n",
                    size, median, round(total), BenchStats.median(tokenize), sizes[0], median / firstMedian,
                    (double) size / sizes[0], scores.ciderD(), scores.bleu()[3]);
        }
    }

    /** COCO-like captions: Zipf-distributed words, 8-14 words, capitalised first word, some punctuation. */
    static void synthesize(int size, Random random, List<String> candidates, List<List<String>> references) {
        String[] vocabulary = new String[3000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(i);
        }
        double[] cumulative = new double[vocabulary.length];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < size; i++) {
            List<String> base = sentence(random, vocabulary, cumulative, sum);
            List<String> refs = new ArrayList<>(REFERENCES);
            for (int r = 0; r < REFERENCES; r++) {
                refs.add(render(mutate(base, random, vocabulary, cumulative, sum), random));
            }
            references.add(refs);
            candidates.add(render(mutate(base, random, vocabulary, cumulative, sum), random));
        }
    }

    private static String word(int i) {
        StringBuilder sb = new StringBuilder();
        int x = i + 7;
        do {
            sb.append((char) ('a' + x % 26));
            x /= 26;
        } while (x > 0);
        if (i % 97 == 5) {
            sb.append("'s");
        } else if (i % 89 == 3) {
            sb.append("-like");
        }
        return sb.toString();
    }

    private static List<String> sentence(Random random, String[] vocab, double[] cumulative, double sum) {
        int length = 8 + random.nextInt(7);
        List<String> words = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            words.add(pick(random, vocab, cumulative, sum));
        }
        return words;
    }

    private static List<String> mutate(List<String> base, Random random, String[] vocab, double[] cumulative,
            double sum) {
        List<String> words = new ArrayList<>(base);
        int edits = random.nextInt(5);
        for (int e = 0; e < edits && !words.isEmpty(); e++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(3)) {
                case 0 -> words.remove(at);
                case 1 -> words.add(at, pick(random, vocab, cumulative, sum));
                default -> words.set(at, pick(random, vocab, cumulative, sum));
            }
        }
        return words;
    }

    private static String pick(Random random, String[] vocab, double[] cumulative, double sum) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
        return vocab[Math.min(vocab.length - 1, at < 0 ? -at - 1 : at)];
    }

    private static String render(List<String> words, Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == 0 && !w.isEmpty()) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            if (i > 0) {
                sb.append(random.nextInt(20) == 0 ? ", " : " ");
            }
            sb.append(w);
        }
        if (random.nextBoolean()) {
            sb.append('.');
        }
        return sb.toString();
    }

    private static String round(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.toString();
    }
}
