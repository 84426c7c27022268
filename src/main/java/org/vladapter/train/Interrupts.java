package org.vladapter.train;

/**
 * A process-wide "please stop" flag that long loops check once per step.
 *
 * <p>A notebook kernel (or any host, e.g. a signal handler) calls {@link #request()} when the user interrupts;
 * {@link Trainer} calls {@link #check(String)} at every step boundary, so training stops between two optimizer
 * steps, with the model, optimizer state and checkpoints consistent, and the host process keeps running.
 * Interrupting the current thread ({@link Thread#interrupt()}) is honoured the same way.
 */
public final class Interrupts {

    private static volatile boolean requested;
    private static volatile long lastCheckNanos = Long.MIN_VALUE;

    private Interrupts() {}

    /** Asks running loops to stop at their next step boundary. */
    public static void request() {
        requested = true;
    }

    /** Withdraws a pending request (a kernel does this before each cell). */
    public static void clear() {
        requested = false;
    }

    /**
     * @param sinceNanos a {@link System#nanoTime()} reading
     * @return whether some loop called {@link #check(String)} after it (so it will see a request soon)
     */
    public static boolean checkedSince(long sinceNanos) {
        long last = lastCheckNanos;
        return last != Long.MIN_VALUE && last - sinceNanos > 0;
    }

    /** @return whether a stop was requested and not yet taken by {@link #check(String)} */
    public static boolean requested() {
        return requested;
    }

    /**
     * Stops here if a stop was requested (the request is consumed) or the thread was interrupted.
     *
     * @param where what is being interrupted, for the message (e.g. {@code "training step 12 (epoch 1)"})
     * @throws RunInterruptedException when a stop was requested
     */
    public static void check(String where) {
        lastCheckNanos = System.nanoTime();
        if (requested || Thread.interrupted()) {
            requested = false;
            throw new RunInterruptedException("interrupted before " + where);
        }
    }
}
