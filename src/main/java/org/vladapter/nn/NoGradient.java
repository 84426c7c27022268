package org.vladapter.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's gradient recording off on the current thread until closed, restoring the previous mode —
 * {@code torch.no_grad()}. Needed for in-place updates of parameters (optimizer steps, loading saved tensors,
 * merging LoRA): PyTorch refuses an in-place change of a leaf that requires a gradient while recording is on,
 * and recording is on by default on every thread except the one the engine started on — for instance the
 * threads a notebook kernel runs its cells on. Does nothing for other engines.
 *
 * <pre>{@code
 * try (NoGradient ignored = NoGradient.open()) {
 *     parameter.getArray().addi(update);
 * }
 * }</pre>
 */
public final class NoGradient implements AutoCloseable {

    private final boolean previous;
    private final boolean pytorch;

    private NoGradient() {
        this.pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        this.previous = pytorch && JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
    }

    /**
     * Turns gradient recording off on the current thread for good, as it is on the thread the engine started
     * on: for threads that run user code (a notebook kernel's cell threads), so code behaves there as in a
     * plain program. Training still records (the trainer's gradient collector turns recording on for its
     * steps). Does nothing for other engines.
     */
    public static void offOnThisThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName()) && JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }

    /** @return a scope with gradient recording off on this thread */
    public static NoGradient open() {
        return new NoGradient();
    }

    /** Restores the mode found at {@link #open()}. */
    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}
