package org.vladapter.train;

/**
 * The final test evaluation failed after training finished. The run record ({@code run.json}) was already
 * written with status {@code failed} and the error; {@link #partial()} holds what training produced (history,
 * the record, the last checkpoint) so the caller can still save the trained weights and the results so far.
 */
public final class EvaluationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient TrainingResult partial;

    /**
     * @param partial the training's result, with no test scores
     * @param cause what failed
     */
    public EvaluationFailedException(TrainingResult partial, Throwable cause) {
        super("test evaluation failed after training: " + cause.getMessage(), cause);
        this.partial = partial;
    }

    /** @return the training's result without test scores */
    public TrainingResult partial() {
        return partial;
    }
}
