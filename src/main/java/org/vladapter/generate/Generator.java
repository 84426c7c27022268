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
 * Greedy and beam-search decoding with the semantics of HF {@code generate} in transformers 5.x (checked
 * against 5.17.0 by {@code PythonGenerationFixturesTest}), batched with padding, with a key/value cache:
 * self-attention keys/values grow by one position per step and cross-attention keys/values are computed
 * once per input.
 *
 * <p>Lengths count the decoder start token: {@code max_length}, {@code min_length} (EOS is banned while the
 * sequence is shorter) and forced EOS (at position {@code max_length - 1}). Score processors (n-gram
 * blocking, minimum length, forced EOS) act on logits for greedy decoding and on log-probabilities for
 * beam search, as HF's do.
 *
 * <p>Greedy: a row that produced EOS continues with the pad id until every row has finished, so rows have
 * equal length (the longest).
 *
 * <p>{@link GenerationConfig#semantics()} chooses the release: transformers 5.x (described here, the default) or
 * 4.2.1, which the original VL-Adapter ran ({@link GenerationSemantics#TRANSFORMERS_4_2_1}: no forced EOS in greedy
 * search, its own beam stopping test and finalisation).
 *
 * <p>Beam search follows transformers 5.x's {@code _beam_search}, which differs from 4.x's
 * {@code BeamSearchScorer} in ways that change results:
 * <ul>
 *   <li>each step ranks the {@code 2 * num_beams} best (beam, token) candidates of an input; a candidate
 *       that ends in EOS becomes a finished hypothesis only if it is among the first {@code num_beams}, and
 *       the next running beams are the best {@code num_beams} candidates that do not end in EOS;</li>
 *   <li>a finished hypothesis scores its summed log-probabilities divided by {@code L^length_penalty},
 *       where {@code L} counts its generated tokens with the EOS and without the start token;</li>
 *   <li>at the last step ({@code max_length} reached) all of the first {@code num_beams} candidates
 *       finish, whether or not they end in EOS; running beams that rank lower are never returned;</li>
 *   <li>an input is done, and its finished hypotheses frozen, once it has {@code num_beams} of them and
 *       either {@code early_stopping} is true or the best running beam, divided by its current generated
 *       length to the power of the length penalty, cannot beat the worst of them (the
 *       {@code early_stopping=False} heuristic; 5.x's {@code "never"} is not supported);</li>
 *   <li>the output is the best finished hypothesis of each input, padded to the longest with
 *       {@code pad_token_id or eos_token_id} as Python evaluates it: the EOS id when the pad id is 0
 *       (T5), the pad id otherwise.</li>
 * </ul>
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
     * @return per row the generated ids, starting with the decoder start token, padded to the longest row as
     *     HF pads them (see the class documentation)
     */
    public long[][] generate(EncoderInput input, GenerationConfig cfg, ForwardContext ctx) {
        return generateWithScores(input, cfg, ctx).sequences();
    }

    /**
     * Generates one sequence per input row and, for beam search, the score of each.
     *
     * @param input encoder input (its arrays' manager hosts temporary arrays, all released on return)
     * @param cfg generation settings
     * @param ctx forward context (task routing; training should be false)
     * @return the sequences and, for beam search, their scores
     */
    public GenerationOutput generateWithScores(EncoderInput input, GenerationConfig cfg, ForwardContext ctx) {
        try (NDScope scope = new NDScope()) {
            EncoderOutput enc = model.encode(input, ctx);
            if (cfg.numBeams() == 1) {
                return greedy(enc, cfg, ctx);
            }
            return cfg.semantics() == GenerationSemantics.TRANSFORMERS_4_2_1 ? beam421(enc, cfg, ctx) : beam(enc, cfg, ctx);
        }
    }

    private GenerationOutput greedy(EncoderOutput enc, GenerationConfig cfg, ForwardContext ctx) {
        ModelConfig c = model.config();
        int b = Math.toIntExact(enc.hidden().getShape().get(0));
        List<List<Long>> seqs = startSequences(b);
        boolean[] finished = new boolean[b];
        boolean v421 = cfg.semantics() == GenerationSemantics.TRANSFORMERS_4_2_1;
        DecoderCache cache = cfg.useCache() ? model.newCache() : null;
        for (int cur = 1; cur < cfg.maxLength(); cur++) {
            float[][] scores = nextScores(enc, seqs, cache, false, ctx);
            boolean all = true;
            for (int i = 0; i < b; i++) {
                if (v421) {
                    // 4.2.1's greedy_search never calls adjust_logits_during_generation: no forced EOS
                    LogitsProcessors.applyProcessors(scores[i], seqs.get(i), cur, cfg, c.eosId());
                } else {
                    LogitsProcessors.apply(scores[i], seqs.get(i), cur, cfg, c.eosId());
                }
                long next = finished[i] ? c.padId() : argmax(scores[i]);
                seqs.get(i).add(next);
                finished[i] |= next == c.eosId();
                all &= finished[i];
            }
            if (all) {
                break;
            }
        }
        long[][] sequences = new long[b][];
        for (int i = 0; i < b; i++) {
            sequences[i] = seqs.get(i).stream().mapToLong(Long::longValue).toArray();
        }
        return new GenerationOutput(sequences, null);
    }

    /** Beam scores at the start: the first beam of each input at 0, the others out of the race (-1e9). */
    private static float[] initialBeamScores(int b, int k) {
        float[] scores = new float[b * k];
        for (int i = 0; i < b * k; i++) {
            scores[i] = i % k == 0 ? 0f : -1e9f;
        }
        return scores;
    }

    /** One empty set of finished hypotheses per input. */
    private static BeamHypotheses[] newHypotheses(int b, int k, float lengthPenalty) {
        BeamHypotheses[] hyps = new BeamHypotheses[b];
        for (int i = 0; i < b; i++) {
            hyps[i] = new BeamHypotheses(k, lengthPenalty);
        }
        return hyps;
    }

    private GenerationOutput beam(EncoderOutput encoder, GenerationConfig cfg, ForwardContext ctx) {
        ModelConfig c = model.config();
        int k = cfg.numBeams();
        int b = Math.toIntExact(encoder.hidden().getShape().get(0));
        EncoderOutput enc = encoder.repeatRows(k);
        List<List<Long>> seqs = startSequences(b * k);
        float[] beamScores = initialBeamScores(b, k);
        BeamHypotheses[] hyps = newHypotheses(b, k, cfg.lengthPenalty());
        boolean[] done = new boolean[b];
        DecoderCache cache = cfg.useCache() ? model.newCache() : null;
        NDManager manager = enc.hidden().getManager();
        for (int cur = 1; cur < cfg.maxLength(); cur++) {
            // every candidate of the last step reaches max_length: the top k of each input all finish
            boolean last = cur + 1 == cfg.maxLength();
            float[][] logProbs = nextScores(enc, seqs, cache, true, ctx);
            List<List<Long>> nextSeqs = new ArrayList<>(b * k);
            float[] nextScores = new float[b * k];
            long[] sourceRows = new long[b * k];
            for (int i = 0; i < b; i++) {
                if (done[i]) {
                    // HF keeps decoding a finished input's beams but never lets them into its hypotheses
                    for (int j = 0; j < k; j++) {
                        int row = i * k + j;
                        sourceRows[row] = row;
                        nextScores[row] = beamScores[row];
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
                for (int rank = 0; rank < top.length; rank++) {
                    int row = i * k + top[rank][0];
                    int token = top[rank][1];
                    float score = logProbs[row][token];
                    if (token == c.eosId() || last) {
                        // only the k best candidates may finish; a later EOS just drops out
                        if (rank < k) {
                            List<Long> finishedSeq = new ArrayList<>(seqs.get(row));
                            finishedSeq.add((long) token);
                            hyps[i].add(finishedSeq, score, cur);
                        }
                    } else if (kept < k) {
                        int target = i * k + kept;
                        sourceRows[target] = row;
                        nextScores[target] = score;
                        List<Long> s = new ArrayList<>(seqs.get(row));
                        s.add((long) token);
                        nextSeqs.add(s);
                        kept++;
                    }
                }
                if (last) {
                    done[i] = true;
                    continue;
                }
                // HF 5.x: the heuristic divides the best running score by the length it now has
                done[i] = hyps[i].isDone(nextScores[i * k], cur, cfg.earlyStopping());
            }
            boolean all = true;
            for (boolean d : done) {
                all &= d;
            }
            if (all) {
                break;
            }
            seqs = nextSeqs;
            beamScores = nextScores;
            if (cache != null) {
                cache.selectRows(manager.create(sourceRows));
            }
        }
        long[][] sequences = new long[b][];
        float[] scores = new float[b];
        for (int i = 0; i < b; i++) {
            if (hyps[i].size() == 0) { // max length 1: nothing generated
                sequences[i] = new long[] {c.decoderStartId()};
                continue;
            }
            BeamHypotheses.Hypothesis best = hyps[i].best();
            sequences[i] = best.tokens().stream().mapToLong(Long::longValue).toArray();
            scores[i] = best.score();
        }
        // HF fills beam outputs with `pad_token_id or eos_token_id`: a pad id of 0 (T5) is falsy in Python
        long fill = c.padId() != 0 ? c.padId() : c.eosId();
        return new GenerationOutput(pad(sequences, fill), scores);
    }

    /**
     * Beam search as transformers 4.2.1's {@code beam_search} with its {@code BeamSearchScorer} (see
     * {@link GenerationSemantics#TRANSFORMERS_4_2_1}). {@code cur} is the length of the running sequences, start
     * token included (4.2.1's {@code cur_len}).
     */
    private GenerationOutput beam421(EncoderOutput encoder, GenerationConfig cfg, ForwardContext ctx) {
        ModelConfig c = model.config();
        int k = cfg.numBeams();
        int b = Math.toIntExact(encoder.hidden().getShape().get(0));
        EncoderOutput enc = encoder.repeatRows(k);
        List<List<Long>> seqs = startSequences(b * k);
        float[] beamScores = initialBeamScores(b, k);
        BeamHypotheses[] hyps = newHypotheses(b, k, cfg.lengthPenalty());
        boolean[] done = new boolean[b];
        DecoderCache cache = cfg.useCache() ? model.newCache() : null;
        NDManager manager = enc.hidden().getManager();
        int cur = 1;
        while (cur < cfg.maxLength()) {
            float[][] logProbs = nextScores(enc, seqs, cache, true, ctx);
            List<List<Long>> nextSeqs = new ArrayList<>(b * k);
            float[] nextScores = new float[b * k];
            long[] sourceRows = new long[b * k];
            for (int i = 0; i < b; i++) {
                if (done[i]) {
                    // the scorer pads a finished input's beams (score 0, pad token); they are never read again
                    for (int j = 0; j < k; j++) {
                        int row = i * k + j;
                        sourceRows[row] = row;
                        List<Long> s = new ArrayList<>(seqs.get(row));
                        s.add(c.padId());
                        nextSeqs.add(s);
                    }
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    int row = i * k + j;
                    // BART's adjust_logits_during_generation (forced EOS at max_length - 1) acts before the
                    // log-softmax, the processors after it; forcing after the log-softmax gives the same row
                    LogitsProcessors.forceEos(logProbs[row], cur, cfg);
                    LogitsProcessors.applyProcessors(logProbs[row], seqs.get(row), cur, cfg, c.eosId());
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
                        // only the k best candidates may finish; the hypothesis is stored without its EOS and
                        // normalised by its length cur (start token included)
                        if (rank < k) {
                            hyps[i].add(new ArrayList<>(seqs.get(row)), score, cur);
                        }
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
                if (kept < k) {
                    throw new IllegalStateException("beam search: fewer than " + k + " candidates of input " + i
                            + " do not end in EOS at length " + cur);
                }
                // 4.2.1: the best of all 2k candidate scores (EOS ones included), divided by cur
                float bestCandidate = logProbs[i * k + top[0][0]][top[0][1]];
                done[i] = hyps[i].isDone(bestCandidate, cur, cfg.earlyStopping());
            }
            seqs = nextSeqs;
            beamScores = nextScores;
            cur++;
            if (cache != null) {
                cache.selectRows(manager.create(sourceRows));
            }
            boolean all = true;
            for (boolean d : done) {
                all &= d;
            }
            if (all) {
                break;
            }
        }
        // finalize: the running beams of every input not done become hypotheses, normalised by their full length
        for (int i = 0; i < b; i++) {
            if (done[i]) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                int row = i * k + j;
                hyps[i].add(seqs.get(row), beamScores[row], seqs.get(row).size());
            }
        }
        long[][] sequences = new long[b][];
        float[] scores = new float[b];
        for (int i = 0; i < b; i++) {
            BeamHypotheses.Hypothesis best = hyps[i].bestLatestOnTies();
            List<Long> tokens = new ArrayList<>(best.tokens());
            if (tokens.size() < cfg.maxLength()) {
                tokens.add(c.eosId());
            }
            sequences[i] = tokens.stream().mapToLong(Long::longValue).toArray();
            scores[i] = best.score();
        }
        return new GenerationOutput(pad(sequences, c.padId()), scores);
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
        NDArray hidden = model.decoderHidden(m.create(ids, new Shape(rows, width)), enc, cache, ctx);
        // the LM head only for the last position: without a cache the others would cost `width` times more
        NDArray last = model.lmLogits(width == 1 ? hidden : hidden.get(":, -1:, :")).squeeze(1);
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

    private static long[][] pad(long[][] seqs, long fill) {
        int max = 0;
        for (long[] s : seqs) {
            max = Math.max(max, s.length);
        }
        long[][] out = new long[seqs.length][max];
        for (int i = 0; i < seqs.length; i++) {
            Arrays.fill(out[i], fill);
            System.arraycopy(seqs[i], 0, out[i], 0, seqs[i].length);
        }
        return out;
    }
}
