package org.vladapter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vladapter} command line: one subcommand per job. */
@Command(
        name = "vladapter",
        mixinStandardHelpOptions = true,
        version = "vl-adapter 0.1.0",
        description = "VL-Adapter for Java: parameter-efficient vision-and-language transfer learning on DJL.",
        subcommands = {
            // one line per subcommand; keep sorted
            BenchCommand.class,
            ForwardCommand.class,
            GenerateCommand.class,
            ParamsCommand.class,
        })
public final class Main implements Runnable {

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting the JVM (for tests and notebooks).
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
