package org.vladapter.metrics;

/** An input file of {@code vladapter evaluate} is missing or malformed; the message says which file and what. */
public final class EvaluationInputException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file
     */
    public EvaluationInputException(String message) {
        super(message);
    }
}
