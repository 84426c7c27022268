package org.vladapter.fuzz;

/** What a correct loader must do with a mutated input. */
public enum Expect {
    /** The input is damaged or violates the format: it must be refused with a clear error. */
    REFUSE,
    /** The input is the original in another valid spelling: it must be accepted and read as the original. */
    ACCEPT_SAME,
    /** Damage a checksum or a consistency rule protects: refused, or (if harmless) read exactly as the original. */
    REFUSE_OR_SAME,
    /** Damage no check can see (a changed value in unprotected data): refused or accepted, never a crash. */
    EITHER
}
