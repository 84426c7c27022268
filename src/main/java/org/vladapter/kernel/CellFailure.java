package org.vladapter.kernel;

import java.util.List;

/**
 * A cell failed at run time with something that is not an {@link Exception} (an {@link Error} such as
 * {@link OutOfMemoryError}), or was stopped by an interrupt; the kernel reports it without dying.
 */
public final class CellFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> report;

    /**
     * @param message one line
     * @param report display lines
     */
    CellFailure(String message, List<String> report) {
        super(message);
        this.report = List.copyOf(report);
    }

    /** @return display lines */
    public List<String> report() {
        return report;
    }
}
