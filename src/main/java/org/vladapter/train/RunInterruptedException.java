package org.vladapter.train;

/** Thrown at a step boundary when {@link Interrupts#request()} was called (e.g. a notebook's interrupt button). */
public final class RunInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message where the run stopped */
    public RunInterruptedException(String message) {
        super(message);
    }
}
