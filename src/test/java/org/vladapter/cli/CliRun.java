package org.vladapter.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Test helper: runs {@link Main#run} in-process with standard output and error captured.
 *
 * @param exitCode the exit code
 * @param out what the command printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Main.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** @return the lines of standard error that the program wrote (DJL's own log lines left out) */
    String[] errorLines() {
        return err.lines().filter(l -> !l.startsWith("[main] ") && !l.startsWith("[W")).toArray(String[]::new);
    }
}
