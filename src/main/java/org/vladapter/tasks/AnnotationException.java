package org.vladapter.tasks;

/** An annotation file is missing, malformed, lacks a key, or yields no examples; the message names file and line. */
public class AnnotationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public AnnotationException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the underlying error
     */
    public AnnotationException(String message, Throwable cause) {
        super(message, cause);
    }
}
