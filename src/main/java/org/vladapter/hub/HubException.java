package org.vladapter.hub;

/** A Hub request or cache operation that failed, with a message naming the repository, file and cause. */
public class HubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public HubException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the underlying error
     */
    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
