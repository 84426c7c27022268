package org.vladapter.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.vladapter.backbone.DecoderCache;
import org.vladapter.backbone.EncoderDecoder;
import org.vladapter.backbone.EncoderInput;
import org.vladapter.backbone.EncoderOutput;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.nn.ForwardContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy and beam-search decoding with HF {@code generate} semantics (decoder start token first, EOS and
 * padding handling, minimum length, n-gram blocking, forced EOS, length penalty, early stopping), batched
 * with padding, with a key/value cache: self-attention keys/values grow by one position per step and
 * cross-attention keys/values are computed once per input.
 */
public final class Generator {

    private final EncoderDecoder model;

    /**
     * @param model the encoder-decoder to decode with
     */
    public Generator(EncoderDecoder model) {
        this.model = model;
    }

    /**
     * Generates one sequence per input row.
     *
     * @param input encoder input (its arrays' manager hosts temporary arrays, all released on return)
     * @param cfg generation settings
     * @param ctx forward context (task routing; training should be false)
     * @return per row the generated ids, starting with the decoder start token, padded with the pad id
     *     to the longest row
     */
    public long[][] generate(EncoderInput input, GenerationConfig cfg, ForwardContext ctx) {
        try (NDScope scope = new NDScope()) {
            EncoderOutput enc = model.encode(input, ctx);
            List<List<Long>> out = cfg.numBeams() == 1 ? greedy(enc, cfg, ctx) : beam(enc, cfg, ctx);
            return pad(out, model.config().padId());
        }
    }

    private List<List<Long>> greedy(EncoderOutput enc, GenerationConfig cfg, ForwardContext ctx) {
        ModelConfig c = model.config();
        int b = Math.toIntExact(enc.hidden().getShape().get(0));
        List<List<Long>> seqs = startSequences(b);
        boolean[] finished = new boolean[b];
        DecoderCache cache = cfg.useCache() ? model.newCache() : null;
        for (int cur = 1; cur < cfg.maxLength(); cur++) {
            float[][] scores = nextScores(enc, seqs, cache, false, ctx);
            boolean all = true;
            for (int i = 0; i < b; i++) {
                LogitsProcessors.apply(scores[i], seqs.get(i), cur, cfg, c.eosId());
                long next = finished[i] ? c.padId() : argmax(scores[i]);
                seqs.get(i).add(next);
                finished[i] |= next == c.eosId();
                all &= finished[i];
            }
            if (all) {
                break;
            }
        }
        return seqs;
    }

    private List<List<Long>> beam(EncoderOutput encoder, GenerationConfig cfg, ForwardContext ctx) {
        ModelConfig c = model.config();
        int k = cfg.numBeams();
        int b = Math.toIntExact(encoder.hidden().getShape().get(0));
        EncoderOutput enc = encoder.repeatRows(k);
        List<List<Long>> seqs = startSequences(b * k);
        float[] beamScores = new float[b * k];
        for (int i = 0; i < b * k; i++) {
            beamScores[i] = i % k == 0 ? 0f : -1e9f;
        }
        BeamHypotheses[] hyps = new BeamHypotheses[b];
        boolean[] done = new boolean[b];
        for (int i = 0; i < b; i++) {
            hyps[i] = new BeamHypotheses(k, cfg.lengthPenalty());
        }
        DecoderCache cache = cfg.useCache() ? model.newCache() : null;
        NDManager manager = enc.hidden().getManager();
        int cur = 1;
        for (; cur < cfg.maxLength(); cur++) {
            float[][] logProbs = nextScores(enc, seqs, cache, true, ctx);
            List<List<Long>> nextSeqs = new ArrayList<>(b * k);
            float[] nextScores = new float[b * k];
            long[] sourceRows = new long[b * k];
            for (int i = 0; i < b; i++) {
                if (done[i]) {
                    for (int j = 0; j < k; j++) {
                        int row = i * k + j;
                        sourceRows[row] = row;
                        nextScores[row] = 0f;
                        List<Long> s = new ArrayList<>(seqs.get(row));
                        s.add(c.padId());
                        nextSeqs.add(s);
                    }
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    int row = i * k + j;
                    LogitsProcessors.apply(logProbs[row], seqs.get(row), cur, cfg, c.eosId());
                    float base = beamScores[row];
                    float[] r = logProbs[row];
                    for (int v = 0; v < r.length; v++) {
                        r[v] += base;
                    }
                }
                int[][] top = topCandidates(logProbs, i * k, k, 2 * k);
                int kept = 0;
                for (int rank = 0; rank < top.length && kept < k; rank++) {
                    int row = i * k + top[rank][0];
                    int token = top[rank][1];
                    float score = logProbs[row][token];
                    if (token == c.eosId()) {
                        if (rank >= k) {
                            continue;
                        }
                        List<Long> finishedSeq = new ArrayList<>(seqs.get(row));
                        finishedSeq.add((long) token);
                        hyps[i].add(finishedSeq, score, cur);
                    } else {
                        int target = i * k + kept;
                        sourceRows[target] = row;
                        nextScores[target] = score;
                        List<Long> s = new ArrayList<>(seqs.get(row));
                        s.add((long) token);
                        nextSeqs.add(s);
                        kept++;
                    }
                }
                done[i] = hyps[i].isDone(nextScores[i * k], cur, cfg.earlyStopping());
            }
            seqs = nextSeqs;
            beamScores = nextScores;
            if (cache != null) {
                cache.selectRows(manager.create(sourceRows));
            }
            boolean all = true;
            for (boolean d : done) {
                all &= d;
            }
            if (all) {
                cur++;
                break;
            }
        }
        List<List<Long>> out = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            if (!done[i]) {
                for (int j = 0; j < k; j++) {
                    int row = i * k + j;
                    hyps[i].add(seqs.get(row), beamScores[row], seqs.get(row).size() - 1);
                }
            }
            out.add(hyps[i].best().tokens());
        }
        return out;
    }

    /** Scores of the next token for every row: logits (greedy) or log-probabilities (beam search). */
    private float[][] nextScores(EncoderOutput enc, List<List<Long>> seqs, DecoderCache cache, boolean logProbs,
            ForwardContext ctx) {
        NDManager m = enc.hidden().getManager();
        int rows = seqs.size();
        int len = seqs.get(0).size();
        int width = cache == null ? len : 1;
        long[] ids = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            List<Long> s = seqs.get(r);
            for (int t = 0; t < width; t++) {
                ids[r * width + t] = s.get(len - width + t);
            }
        }
        NDArray logits = model.decode(m.create(ids, new Shape(rows, width)), enc, cache, ctx);
        NDArray last = logits.get(":, -1, :");
        if (logProbs) {
            last = last.logSoftmax(-1);
        }
        float[] flat = last.toFloatArray();
        int vocab = flat.length / rows;
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * vocab, (r + 1) * vocab);
        }
        return out;
    }

    /** The {@code n} best (beam, token) pairs among rows {@code first..first+k-1}, best first. */
    private static int[][] topCandidates(float[][] scores, int first, int k, int n) {
        int vocab = scores[first].length;
        int[][] best = new int[n][];
        float[] bestScore = new float[n];
        int size = 0;
        for (int j = 0; j < k; j++) {
            float[] row = scores[first + j];
            for (int v = 0; v < vocab; v++) {
                float s = row[v];
                if (size == n && !(s > bestScore[n - 1])) {
                    continue;
                }
                int pos = size == n ? n - 1 : size++;
                while (pos > 0 && s > bestScore[pos - 1]) {
                    bestScore[pos] = bestScore[pos - 1];
                    best[pos] = best[pos - 1];
                    pos--;
                }
                bestScore[pos] = s;
                best[pos] = new int[] {j, v};
            }
        }
        return Arrays.copyOf(best, size);
    }

    private static long argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    private List<List<Long>> startSequences(int rows) {
        List<List<Long>> seqs = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            List<Long> s = new ArrayList<>();
            s.add(model.config().decoderStartId());
            seqs.add(s);
        }
        return seqs;
    }

    private static long[][] pad(List<List<Long>> seqs, long padId) {
        int max = seqs.stream().mapToInt(List::size).max().orElse(0);
        long[][] out = new long[seqs.size()][max];
        for (int i = 0; i < seqs.size(); i++) {
            Arrays.fill(out[i], padId);
            for (int t = 0; t < seqs.get(i).size(); t++) {
                out[i][t] = seqs.get(i).get(t);
            }
        }
        return out;
    }
}
