package org.vladapter.tasks;

/**
 * How a task's per-token cross-entropy becomes the batch loss (docs/behaviour.md#losses), and so how a batch
 * is weighed when it is split for gradient accumulation.
 */
public enum LossReduction {
    /** The batch mean of per-example token means (GQA, NLVR2, the video tasks). */
    EXAMPLE_MEAN,
    /** Per-example token means weighted by the sampled answer's score, then the batch mean (VQA). */
    SCORE_WEIGHTED_EXAMPLE_MEAN,
    /** The mean over every target token of the batch (COCO captions). */
    TOKEN_MEAN;

    /** @return whether gradient-accumulation slices are weighed by their share of target tokens (else of examples) */
    public boolean weighsTokens() {
        return this == TOKEN_MEAN;
    }
}
