package org.vladapter.vision.features;

/** A feature could not be read: missing id, missing file, unreadable file, or a shape that does not match. */
public class FeatureStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public FeatureStoreException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the underlying error
     */
    public FeatureStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
