package org.vladapter.train;

/** Thrown when a training step produces a NaN or infinite loss (or gradient norm); training stops. */
public final class NonFiniteLossException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final int epoch;
    private final String task;
    private final int batchIndex;

    /**
     * @param what what was not finite, e.g. {@code loss} or {@code gradient norm}
     * @param value the value found
     * @param step the 0-based global step
     * @param epoch the 0-based epoch
     * @param task the task key
     * @param batchIndex the batch position within the epoch
     * @param lastCheckpoint a description of the last good checkpoint kept on disk
     */
    public NonFiniteLossException(
            String what, double value, long step, int epoch, String task, int batchIndex, String lastCheckpoint) {
        super("non-finite " + what + " (" + value + ") at step " + step + ", epoch " + epoch + ", task '" + task
                + "', batch " + batchIndex + "; training stopped; " + lastCheckpoint);
        this.step = step;
        this.epoch = epoch;
        this.task = task;
        this.batchIndex = batchIndex;
    }

    /** @return the 0-based global step */
    public long step() {
        return step;
    }

    /** @return the 0-based epoch */
    public int epoch() {
        return epoch;
    }

    /** @return the task key */
    public String task() {
        return task;
    }

    /** @return the batch position within the epoch */
    public int batchIndex() {
        return batchIndex;
    }
}
