package org.vladapter.train;

/**
 * Told about every finished training step, for progress displays that span more than one run (e.g. the
 * {@code reproduce} job's "method i of n" line with an overall ETA). Called on the training thread; keep
 * it cheap.
 */
@FunctionalInterface
public interface StepListener {

    /**
     * One finished optimisation step.
     *
     * @param epoch the 0-based epoch
     * @param epochs epochs of the run
     * @param stepInEpoch 1-based step within the epoch
     * @param stepsPerEpoch steps per epoch
     * @param task the task of the step's batch
     * @param loss the step's loss
     */
    record Step(int epoch, int epochs, long stepInEpoch, long stepsPerEpoch, String task, float loss) {}

    /**
     * @param step the step that finished
     */
    void onStep(Step step);
}
