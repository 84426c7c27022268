package org.vladapter.train;

/**
 * A run folder already holds a run that this one would continue or overwrite without being asked to:
 * no resume was requested, the recorded configuration differs, or the run already finished.
 */
public final class RunExistsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message what is in the folder and how to proceed */
    public RunExistsException(String message) {
        super(message);
    }
}
