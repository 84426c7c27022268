package org.vladapter.reproduce;

import org.vladapter.backbone.ModelType;
import org.vladapter.peft.MethodPreset;
import org.vladapter.recipe.Recipe;
import org.vladapter.tasks.Task;

import java.util.List;

/**
 * The paper's recipe scaled to a benchmark: what is kept and what is set for the benchmark.
 *
 * <p>Kept from the released scripts: each method's learning rate (so the methods' relative learning rates are
 * the paper's: full fine-tuning 1e-4, multiple / half-shared adapters 3e-4, the other methods 1e-3 on images;
 * 3e-5 / 3e-4 on video), linear warm-up over 10 % of the steps then linear decay, gradient clipping at norm 5,
 * AdamW (eps 1e-6, weight decay 0.01), round-robin task sampling (every batch of every task once per epoch,
 * shuffled), the per-task batch-size ratios (GQA 100/60, NLVR2 20/60, caption 50/60 of the base batch on
 * images; every task the base batch on video), task prompts where the method's script uses them, and the
 * paper's decoding. Set for the benchmark: the number of epochs, the base batch size, the evaluation batch
 * size and, for {@code --quick}, how many items of each split are used. All of them are recorded in the run
 * folder's {@code reproduce.json}.
 *
 * @param epochs epochs per method
 * @param baseBatchSize the base batch size the per-task batch sizes derive from
 * @param evalBatchSize evaluation batch size
 * @param warmupRatio fraction of the steps spent warming up (paper: 0.1)
 * @param clipNorm global gradient-norm clip (paper: 5)
 * @param trainItems items used of each training split (0: all)
 * @param evalItems items used of each evaluation split (0: all)
 * @param learningRateScale one factor on every method's paper learning rate (1 at paper scale), so the methods'
 *     relative learning rates stay the paper's while a short benchmark budget takes larger steps
 */
public record BenchmarkRecipe(
        int epochs, int baseBatchSize, int evalBatchSize, double warmupRatio, double clipNorm, int trainItems,
        int evalItems, double learningRateScale) {

    /** Validates the values. */
    public BenchmarkRecipe {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (baseBatchSize < 1 || evalBatchSize < 1) {
            throw new IllegalArgumentException("batch sizes must be at least 1, got " + baseBatchSize + " / " + evalBatchSize);
        }
        if (trainItems < 0 || evalItems < 0) {
            throw new IllegalArgumentException("item limits must be >= 0 (0: all)");
        }
        if (!(learningRateScale > 0) || Double.isInfinite(learningRateScale)) {
            throw new IllegalArgumentException("learning-rate scale must be a positive number, got " + learningRateScale);
        }
    }

    /**
     * The recipe of a full run.
     *
     * @param benchmark the benchmark
     * @return its recipe. ShapesWorld image: one epoch over every training item of each task at base batch 32 (617
     *     multi-task steps on generator version 4, 398 on version 3), every method's paper learning rate doubled (scale 2),
     *     scored on the first 200 test items of each task. The doubled rate gives one epoch with linear decay the same
     *     summed step size as two epochs at the paper's rates: at 150 steps, or one epoch at scale 1, the
     *     shared-module rows (single adapter, single LoRA, ...) had not yet learnt to tell the tasks' prompts apart and
     *     answered "no" to every caption prompt (measured; BENCHMARKS.md). ShapesWorld video: one epoch over 240
     *     training items per task at batch 32, 60 test items, scale 1. Paper scale: the released scripts' epochs and
     *     batch sizes, scale 1.
     */
    public static BenchmarkRecipe standard(Benchmark benchmark) {
        if (benchmark.isPaperScale()) {
            // the released scripts: 20 epochs, base batch 500 (image); 7 epochs, base batch 50 (video), VL-BART's sizes
            return benchmark.isVideo() ? new BenchmarkRecipe(7, 50, 256, 0.1, 5.0, 0, 0, 1.0) : new BenchmarkRecipe(20, 500, 256, 0.1, 5.0, 0, 0, 1.0);
        }
        return benchmark.isVideo()
                ? new BenchmarkRecipe(1, 32, 60, 0.1, 5.0, 240, 60, 1.0)
                : new BenchmarkRecipe(1, 32, 100, 0.1, 5.0, 0, 200, 2.0);
    }

    /**
     * The recipe of {@code --quick}: one epoch on the first 24 training and 12 evaluation items of each
     * task, base batch 6 (a smoke test of the whole pipeline, not a measurement).
     *
     * @param benchmark the benchmark
     * @return the quick recipe
     */
    public static BenchmarkRecipe quick(Benchmark benchmark) {
        return new BenchmarkRecipe(1, 6, 12, 0.1, 5.0, 24, 12, 1.0);
    }

    /**
     * @param epochs epochs per method
     * @return this recipe with that many epochs
     */
    public BenchmarkRecipe withEpochs(int epochs) {
        return new BenchmarkRecipe(epochs, baseBatchSize, evalBatchSize, warmupRatio, clipNorm, trainItems, evalItems,
                learningRateScale);
    }

    /**
     * The library's paper recipe for one method ({@link Recipe#paper}: its learning rate, task prompts,
     * warm-up, clipping, per-task batch-size ratios) with this benchmark's epochs, batch sizes and seed: the one
     * place the reproduce job reads the paper's per-method values.
     *
     * @param method the method row
     * @param family the backbone family
     * @param tasks the tasks
     * @param seed the run's seed
     * @param featureType the CLIP feature folder suffix
     * @return the recipe of the method's run
     */
    public Recipe recipe(MethodPreset method, ModelType family, List<Task> tasks, int seed, String featureType) {
        Recipe paper = Recipe.paper(method, family, tasks);
        return paper.toBuilder()
                .learningRate(paper.learningRate() * learningRateScale)
                .epochs(epochs)
                .baseBatchSize(baseBatchSize)
                .evalBatchSize(evalBatchSize)
                .warmupRatio(warmupRatio)
                .clipNorm(clipNorm)
                .seed(seed)
                .featureType(featureType)
                .build();
    }
}
