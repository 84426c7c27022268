package org.vladapter.fuzz;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** One kind of input a loader reads, with its known-good original and its mutation generator. */
public interface InputClass {

    /** @return the class name in reports, e.g. {@code safetensors} */
    String name();

    /**
     * @param random the seeded source of mutations
     * @param count how many cases
     * @return the cases, deterministic for a given seed
     * @throws Exception when the original cannot be made
     */
    List<FuzzCase> cases(Random random, int count) throws Exception;

    /**
     * Runs the project's loader on a case folder.
     *
     * @param folder the folder holding the case's files
     * @param target the mutated file's name
     * @return a value that compares equal ({@link Object#equals}) to the original's when the input reads the same
     * @throws Exception the loader's error
     */
    Object load(Path folder, String target) throws Exception;
}
