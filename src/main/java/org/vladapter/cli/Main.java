package org.vladapter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The {@code vladapter} command line: one subcommand per job. */
@Command(
        name = "vladapter",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "VL-Adapter for Java: parameter-efficient vision-and-language transfer learning on DJL.",
        subcommands = {
            // one line per subcommand; keep sorted
            BenchCommand.class,
            CommandLine.HelpCommand.class,
            DownloadCommand.class,
            EvaluateCommand.class,
            ForwardCommand.class,
            GenerateCommand.class,
            KernelCommand.class,
            ParamsCommand.class,
            ReproduceCommand.class,
            RestoreReleaseCommand.class,
            ShapesCommand.class,
            TrainCommand.class,
        })
public final class Main implements Runnable {

    /** {@code --version}: the library's one version string ({@link org.vladapter.io.LibraryVersion}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vl-adapter " + org.vladapter.io.LibraryVersion.get()};
        }
    }

    /** Environment variable that, set to {@code 1} or {@code true}, prints stack traces of errors. */
    public static final String STACK_TRACE_ENV = "VLADAPTER_STACKTRACE";

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "show the engine's log lines and the stack trace of an error (also: environment variable "
                    + STACK_TRACE_ENV + "=1 for stack traces)")
    boolean verbose;

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** System property holding the methods' option names, which the help of {@code -o} shows. */
    static final String METHOD_OPTIONS = "vladapter.method-options";

    /**
     * Runs the command line without exiting the JVM (for tests and notebooks).
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int run(String... args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            // before DJL's loggers exist: slf4j-simple reads system properties over simplelogger.properties
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
        }
        // the help of -o lists the methods' options from the method registry (picocli's ${sys:...})
        System.setProperty(METHOD_OPTIONS, String.join(", ", org.vladapter.model.VlAdapter.methodOptions()));
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::reportError);
        showDefaults(cli);
        return cli.execute(args);
    }

    private static void showDefaults(CommandLine cli) {
        cli.getCommandSpec().usageMessage().showDefaultValues(true);
        cli.getSubcommands().values().forEach(Main::showDefaults);
    }

    /**
     * Reports an error of a command as one line, {@code vladapter: MESSAGE}, on standard error (with the
     * stack trace under {@code --verbose} or {@value #STACK_TRACE_ENV}), and returns exit code 1.
     */
    private static int reportError(Exception error, CommandLine command, ParseResult parsed) {
        boolean trace = "1".equals(System.getenv(STACK_TRACE_ENV)) || "true".equalsIgnoreCase(System.getenv(STACK_TRACE_ENV));
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            trace |= p.hasMatchedOption("--verbose");
        }
        command.getErr().println("vladapter: " + message(error));
        if (trace) {
            error.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return 1;
    }

    /**
     * @param error an exception
     * @return a one-line description: its message, or for JDK file errors (whose message is only a path)
     *     what happened to which file
     */
    static String message(Throwable error) {
        Throwable e = error;
        while (e instanceof UncheckedIOException && e.getCause() != null
                && (e.getMessage() == null || e.getMessage().equals(e.getCause().getMessage()))) {
            e = e.getCause();
        }
        if (e instanceof NoSuchFileException f) {
            return "file not found: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName() + (e.getCause() != null ? ": " + message(e.getCause()) : "");
        }
        return m.replace(System.lineSeparator(), " ").replace('\n', ' ');
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
