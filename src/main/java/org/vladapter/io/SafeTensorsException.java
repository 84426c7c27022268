package org.vladapter.io;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that cannot be read as asked: a corrupt header, a missing tensor, an unsupported dtype. */
public class SafeTensorsException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a complete message.
     *
     * @param message what is wrong and where
     */
    public SafeTensorsException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a complete message and a cause.
     *
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public SafeTensorsException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Reports a header that violates the format.
     *
     * @param file the file
     * @param detail what is wrong, naming the key or tensor
     * @return the exception, message {@code corrupt safetensors header in FILE: DETAIL}
     */
    public static SafeTensorsException corrupt(Path file, String detail) {
        return new SafeTensorsException("corrupt safetensors header in " + file + ": " + detail);
    }
}
