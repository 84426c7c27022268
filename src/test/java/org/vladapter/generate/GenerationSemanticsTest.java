package org.vladapter.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vladapter.nn.ForwardContext;

/**
 * transformers 4.2.1 against 5.x generation on hand-worked cases. The expected 4.2.1 results were worked out on
 * paper by following 4.2.1's {@code beam_search}, {@code BeamSearchScorer.process / finalize},
 * {@code BeamHypotheses.add / is_done}, {@code greedy_search} and BART's {@code adjust_logits_during_generation}
 * step by step on the tables below; the 5.x results follow the rules documented on {@link Generator} (which
 * {@code PythonGenerationFixturesTest} checks against transformers 5.17.0). Tokens (T5-like): pad/start 0, eos 1,
 * a 2, b 3; probabilities are listed as {eos, a, b} (pad 0). Scores are summed natural logs.
 */
class GenerationSemanticsTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double[] t5(double eos, double a, double b) {
        return new double[] {0, eos, a, b};
    }

    private static double ln(double p) {
        return Math.log(p);
    }

    private static GenerationOutput run(ScriptedModel model, int batch, GenerationConfig.Builder cfg) {
        return new Generator(model).generateWithScores(ScriptedModel.input(manager, batch),
                cfg.useCache(false).build(), ForwardContext.EVAL);
    }

    private static GenerationConfig.Builder beams(int k, int maxLength, boolean early, GenerationSemantics s) {
        return GenerationConfig.builder().numBeams(k).maxLength(maxLength).earlyStopping(early)
                .semantics(s);
    }

    /**
     * early_stopping=False (T5's setting), 2 beams, max length 4.
     * <pre>
     * table: []: .4 .35 .25 | [a]: .58 .22 .20 | [b]: .10 .63 .27 | [b a]: .99 .006 .004 | [a a]: .5 .3 .2
     * step cur=1: EOS ranks first: hypothesis [0] = ln .4 / 1 = -0.916; running [a], [b]
     * step cur=2: candidates  eos|a -1.595, [b a] -1.848, [a a] -2.564, [a b] -2.659
     *   eos|a finishes: [0 a] = -1.595 / 2 = -0.797; hypotheses {-0.916, -0.797}, worst -0.916
     *   5.x stop test: best running -1.848 / 2 = -0.924 cannot beat -0.916: done, output [0 a eos]
     *   4.2.1 stop test: best candidate (eos|a) -1.595 / 2 = -0.797 beats -0.916: not done, continue
     * step cur=3 (4.2.1): eos|[b a] = (-1.848 + ln .99) / 3 = -0.619 finishes and becomes the best
     * cur=4 = max length: finalize adds the running [a a a], [a a b] (/4: -0.942, -1.043), both too weak
     * 4.2.1 output: [0 b a] + eos = [0 3 2 1]
     * </pre>
     */
    @Test
    void earlyStoppingFalseStopTestUsesTheBestCandidateIn421() {
        Map<List<Long>, double[]> table = Map.of(
                List.of(), t5(.4, .35, .25),
                List.of(2L), t5(.58, .22, .20),
                List.of(3L), t5(.10, .63, .27),
                List.of(3L, 2L), t5(.99, .006, .004),
                List.of(2L, 2L), t5(.5, .3, .2));
        ScriptedModel model = new ScriptedModel(ScriptedModel.t5Like(),
                (input, generated) -> table.getOrDefault(generated, t5(.4, .3, .3)));

        GenerationOutput v5 = run(model, 1, beams(2, 4, false, GenerationSemantics.TRANSFORMERS_5));
        assertThat(v5.sequences()[0]).containsExactly(0, 2, 1);
        assertThat((double) v5.sequencesScores()[0]).isCloseTo((ln(.35) + ln(.58)) / 2, within(1e-5));

        GenerationOutput v421 = run(model, 1, beams(2, 4, false, GenerationSemantics.TRANSFORMERS_4_2_1));
        assertThat(v421.sequences()[0]).containsExactly(0, 3, 2, 1);
        assertThat((double) v421.sequencesScores()[0]).isCloseTo((ln(.25) + ln(.63) + ln(.99)) / 3, within(1e-5));
    }

    /**
     * The last step, 2 beams, max length 3, two inputs in one batch.
     * <pre>
     * input 0: []: 0 .6 .4 | [a]: .5 .3 .2 | [b]: .5 .4 .1
     *   cur=2 (last): candidates eos|a -1.204, eos|b -1.609, [a a] -1.715, [b a] -1.833
     *   5.x: the top 2 candidates finish (both EOS): [0 a eos] = -1.204 / 2 = -0.602 is the best
     *   4.2.1: eos|a, eos|b finish (-0.602, -0.805); the running [a a], [b a] (ranks 3 and 4) are kept;
     *     stop test: best candidate -1.204 / 2 = -0.602 beats the worst -0.805: not done;
     *     finalize at max length: [0 a a] = -1.715 / 3 (full length, start included) = -0.572 is the best,
     *     [0 b a] = -0.611 does not enter; output [0 a a], max length reached so no EOS appended
     * input 1: []: .9 .06 .04 | [a]: .9 .06 .04 | [b]: .9 .07 .03
     *   cur=1: [0] = ln .9 = -0.105 finishes; cur=2: [0 a] -1.459, [0 b] -1.662 finish, the best stays [0]
     *   output [0 eos], padded to the batch width: 4.2.1 with pad_token_id (0), 5.x with
     *   `pad_token_id or eos_token_id` (pad 0 is falsy: eos 1)
     * </pre>
     */
    @Test
    void finalizeAddsTheRunningBeamsAtMaxLengthIn421() {
        Map<List<Long>, double[]> first = Map.of(
                List.of(), t5(0, .6, .4), List.of(2L), t5(.5, .3, .2), List.of(3L), t5(.5, .4, .1));
        Map<List<Long>, double[]> second = Map.of(
                List.of(), t5(.9, .06, .04), List.of(2L), t5(.9, .06, .04), List.of(3L), t5(.9, .07, .03));
        ScriptedModel model = new ScriptedModel(ScriptedModel.t5Like(), (input, generated) ->
                (input == 0 ? first : second).getOrDefault(generated, t5(.4, .3, .3)));

        GenerationOutput v5 = run(model, 2, beams(2, 3, false, GenerationSemantics.TRANSFORMERS_5));
        assertThat(v5.sequences()).isDeepEqualTo(new long[][] {{0, 2, 1}, {0, 1, 1}});
        assertThat((double) v5.sequencesScores()[0]).isCloseTo((ln(.6) + ln(.5)) / 2, within(1e-5));
        assertThat((double) v5.sequencesScores()[1]).isCloseTo(ln(.9), within(1e-5));

        GenerationOutput v421 = run(model, 2, beams(2, 3, false, GenerationSemantics.TRANSFORMERS_4_2_1));
        assertThat(v421.sequences()).isDeepEqualTo(new long[][] {{0, 2, 2}, {0, 1, 0}});
        assertThat((double) v421.sequencesScores()[0]).isCloseTo((ln(.6) + ln(.3)) / 3, within(1e-5));
        assertThat((double) v421.sequencesScores()[1]).isCloseTo(ln(.9), within(1e-5));
    }

    /** With early stopping (BART's setting) input 0 above is done once two hypotheses finish: both agree. */
    @Test
    void earlyStoppingTrueAgreesOnTheSameTable() {
        Map<List<Long>, double[]> first = Map.of(
                List.of(), t5(0, .6, .4), List.of(2L), t5(.5, .3, .2), List.of(3L), t5(.5, .4, .1));
        ScriptedModel model = new ScriptedModel(ScriptedModel.t5Like(),
                (input, generated) -> first.getOrDefault(generated, t5(.4, .3, .3)));
        for (GenerationSemantics s : GenerationSemantics.values()) {
            GenerationOutput out = run(model, 1, beams(2, 3, true, s));
            assertThat(out.sequences()[0]).as(s.name()).containsExactly(0, 2, 1);
            assertThat((double) out.sequencesScores()[0]).isCloseTo((ln(.6) + ln(.5)) / 2, within(1e-5));
        }
    }

    /**
     * BART-like (bos 0, pad 1, eos/start 2, a 3, b 4; forced EOS 2), every step {a .7, b .2, eos .1}, max length 4.
     * Greedy: 4.2.1's greedy_search has no forced EOS, so the output runs to max length on a; 5.x forces EOS at
     * position 3. Beam search (2 beams, early stopping): both force EOS at position max_length - 1.
     */
    @Test
    void greedyForcesEosOnlyIn5AndBeamSearchInBoth() {
        ScriptedModel model = new ScriptedModel(ScriptedModel.bartLike(),
                (input, generated) -> new double[] {0, 0, .1, .7, .2});
        GenerationConfig.Builder greedy = GenerationConfig.builder().maxLength(4).forcedEosId(2);
        assertThat(run(model, 1, greedy.semantics(GenerationSemantics.TRANSFORMERS_5)).sequences()[0])
                .containsExactly(2, 3, 3, 2);
        assertThat(run(model, 1, greedy.semantics(GenerationSemantics.TRANSFORMERS_4_2_1)).sequences()[0])
                .containsExactly(2, 3, 3, 3);
        for (GenerationSemantics s : GenerationSemantics.values()) {
            GenerationOutput out = run(model, 1, beams(2, 3, true, s).forcedEosId(2));
            // cur=1: eos .1 ranks third (not among the 2 best): dropped; cur=2 = max_length - 1: EOS forced
            assertThat(out.sequences()[0]).as(s.name()).containsExactly(2, 3, 2);
            assertThat((double) out.sequencesScores()[0]).isCloseTo(ln(.7) / 2, within(1e-5));
        }
    }

    @Test
    void defaultsAre5ForTheBuilderAnd421ForThePapersTasks() {
        assertThat(GenerationConfig.builder().build().semantics()).isEqualTo(GenerationSemantics.TRANSFORMERS_5);
        for (org.vladapter.tasks.Task t : org.vladapter.tasks.Task.values()) {
            assertThat(org.vladapter.eval.TaskDecoding.forTask(t, org.vladapter.backbone.ModelConfig.bartBase())
                    .semantics()).as(t.key()).isEqualTo(GenerationSemantics.TRANSFORMERS_4_2_1);
        }
    }
}
