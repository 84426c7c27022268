package org.vladapter.cli;

/** An input file of {@code vladapter evaluate} is missing or malformed; the message says which file and what. */
final class EvaluationInputException extends Exception {

    private static final long serialVersionUID = 1L;

    EvaluationInputException(String message) {
        super(message);
    }
}
