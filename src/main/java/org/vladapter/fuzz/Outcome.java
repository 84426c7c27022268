package org.vladapter.fuzz;

/** How one fuzz case ended. The first two are correct; every other outcome fails the suite. */
public enum Outcome {
    /** Refused with an error of a loader type, one line, naming the file. */
    CLEAR_ERROR,
    /** Accepted, and the input was valid (read as the original where that was required). */
    ACCEPTED_VALID,
    /** Refused, but the message does not name the file, spans lines, or the exception is a bug type (NPE...). */
    UNCLEAR_ERROR,
    /** A valid input was refused. */
    WRONG_REFUSAL,
    /** Did not finish within the time limit. */
    HANG,
    /** The JVM died or a VirtualMachineError (OutOfMemoryError, StackOverflowError) was thrown. */
    CRASH,
    /** Bad input was accepted, or accepted input was read as something other than the original. */
    SILENT_ACCEPTANCE;

    /** @return whether this outcome is correct behaviour */
    public boolean ok() {
        return this == CLEAR_ERROR || this == ACCEPTED_VALID;
    }
}
