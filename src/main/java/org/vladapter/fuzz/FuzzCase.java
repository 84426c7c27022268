package org.vladapter.fuzz;

import java.util.Map;

/**
 * One mutated input: the files to write into a fresh folder, the file the loader is pointed at (whose name a clear
 * error must contain), the verdict a correct loader reaches, and the unmutated files it must read the same as
 * where the verdict asks for that.
 *
 * @param label the mutation, for reports (e.g. {@code truncate@1234})
 * @param files file name to content, written into the case folder
 * @param target the file the mutation damaged
 * @param expect the correct verdict
 * @param original the known-good files this case was made from
 */
public record FuzzCase(String label, Map<String, byte[]> files, String target, Expect expect,
        Map<String, byte[]> original) {}
