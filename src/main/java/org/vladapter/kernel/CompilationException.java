package org.vladapter.kernel;

import java.util.List;

/** A cell did not compile: the compiler's diagnostics, already formatted with the cell's line numbers. */
public final class CompilationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> report;

    /**
     * @param message the first diagnostic, with its cell line
     * @param report every diagnostic as display lines
     */
    CompilationException(String message, List<String> report) {
        super(message);
        this.report = List.copyOf(report);
    }

    /** @return the formatted diagnostics, one display line each */
    public List<String> report() {
        return report;
    }
}
