package org.vladapter.fuzz;

import org.vladapter.metrics.EvaluationInputException;
import org.vladapter.tasks.AnnotationException;
import org.vladapter.vision.features.FeatureStoreException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns a loader's result or error into an {@link Outcome}, given what the case expected. */
final class Classifier {

    /** Longest message counted as one sentence a user can act on. */
    static final int MAX_MESSAGE = 600;

    private Classifier() {}

    /**
     * @param c the case
     * @param error what the loader threw
     * @return the outcome
     */
    static Outcome refused(FuzzCase c, Throwable error) {
        if (error instanceof VirtualMachineError) {
            return Outcome.CRASH;
        }
        if (!clear(c, error)) {
            return Outcome.UNCLEAR_ERROR;
        }
        return c.expect() == Expect.ACCEPT_SAME ? Outcome.WRONG_REFUSAL : Outcome.CLEAR_ERROR;
    }

    /**
     * @param c the case
     * @param same whether the loaded value equals the original's
     * @return the outcome
     */
    static Outcome accepted(FuzzCase c, boolean same) {
        return switch (c.expect()) {
            case REFUSE -> Outcome.SILENT_ACCEPTANCE;
            case ACCEPT_SAME, REFUSE_OR_SAME -> same ? Outcome.ACCEPTED_VALID : Outcome.SILENT_ACCEPTANCE;
            case EITHER -> Outcome.ACCEPTED_VALID;
        };
    }

    /** A loader error type, one line, naming the file (its file name suffices). */
    static boolean clear(FuzzCase c, Throwable e) {
        boolean loaderType = (e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof FeatureStoreException || e instanceof AnnotationException
                || e instanceof EvaluationInputException || e instanceof IllegalArgumentException)
                && !(e instanceof NumberFormatException);
        String m = e.getMessage();
        String fileName = java.nio.file.Path.of(c.target()).getFileName().toString();
        return loaderType && m != null && m.contains(fileName) && !m.contains("\n") && m.length() <= MAX_MESSAGE;
    }

    /** @return the error as one short line for reports */
    static String describe(Throwable e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        m = m.replace('\n', ' ').replace('\t', ' ');
        return m.length() <= 300 ? m : m.substring(0, 297) + "...";
    }
}
