package org.vladapter.io.torch;

import java.io.IOException;

/** A {@code torch.save} file that cannot be read: corrupt, truncated, or holding more than a state dict. */
public class TorchCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where (file, entry, byte position or tensor) */
    public TorchCheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public TorchCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
