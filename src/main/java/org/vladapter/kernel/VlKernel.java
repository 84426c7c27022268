package org.vladapter.kernel;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.vladapter.train.Interrupts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Java kernel: a {@link BaseKernel} from {@code jjava-jupyter} that evaluates cells with JShell in its own JVM
 * (so cell values are real objects the renderers can draw), with {@code %classpath}/{@code %jars} magics,
 * completion, inspection, {@code is_complete}, interrupts and readable errors.
 *
 * <p>In <em>plain</em> mode it imitates a bare JJava/IJava kernel: the library is not on the cell classpath until a
 * cell adds it with {@code %jars}/{@code %classpath}, only those two magics exist, and renderers arrive only through
 * the {@code Extension} service of the added jar. The test command runs the kernel-check notebook in this mode to
 * show it runs unchanged under those kernels.
 */
public final class VlKernel extends BaseKernel {

    /** The kernel's name in {@code kernel_info} replies. */
    public static final String NAME = "vladapter-java";

    /** Imports every cell starts with (the same as JJava's, so notebooks behave alike under both). */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.util.*;", "import java.io.*;", "import java.math.*;", "import java.net.*;",
            "import java.time.*;", "import java.util.concurrent.*;", "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");

    private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*%(\\w[\\w-]*)(.*)$");
    private static final Pattern MAGIC_PREFIX = Pattern.compile("^[ \\t]*%([\\w-]*)$");
    /** How long code that never checks {@link Interrupts} may run on after an interrupt before it is stopped. */
    private static final long STOP_GRACE_MILLIS = 2000;
    /** How long a loop that checks {@link Interrupts} each step gets to reach its next step. */
    private static final long STEP_GRACE_MILLIS = 300_000;

    private final boolean plain;
    private final JShell shell;
    private final ObjectExecutionControl control;
    private final CellRunner runner;
    private volatile boolean staticsImported;
    private volatile long cellStartNanos;

    private VlKernel(boolean plain, MagicsRegistry magics, JShell shell, ObjectExecutionControl control) {
        super(NAME, version(),
                new LanguageInfo.Builder("Java").version(Runtime.version().toString()).mimetype("text/x-java-source")
                        .fileExtension(".jshell").pygments("java").codemirror("java").build(),
                List.of(new HelpLink("Java 17 API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                        new HelpLink("DJL", "https://docs.djl.ai/")),
                null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                new MagicParser("^[ \\t]*%", "%%", new MagicTranspiler()), magics, true,
                new StringStyler.Builder().addPrimaryStyle(TextColor.BOLD_RESET_FG)
                        .addSecondaryStyle(TextColor.BOLD_RED_FG).addHighlightStyle(TextColor.BOLD_RESET_FG)
                        .addHighlightStyle(TextColor.RED_BG).withLinePrefix("").build());
        this.plain = plain;
        this.shell = shell;
        this.control = control;
        this.runner = new CellRunner(shell, control);
    }

    /**
     * Makes a kernel (not yet connected).
     *
     * @param plain imitate a bare JJava/IJava kernel (see the class comment)
     * @return the kernel
     */
    public static VlKernel create(boolean plain) {
        ObjectExecutionControl[] made = new ObjectExecutionControl[1];
        String classPath = System.getProperty("java.class.path");
        JShell shell;
        if (plain) {
            // JShell's compiler sees the JVM's class path; plain mode hides it so cells see only what %jars adds
            System.setProperty("java.class.path", "");
        }
        try {
            shell = JShell.builder().executionEngine(ObjectExecutionControl.provider(made), Map.of())
                    .compilerOptions("-Xlint:none").build();
        } finally {
            System.setProperty("java.class.path", classPath);
        }
        MagicsRegistry magics = new MagicsRegistry();
        ClasspathMagics.register(magics, plain);
        return new VlKernel(plain, magics, shell, made[0]);
    }

    private static String version() {
        return org.vladapter.io.LibraryVersion.get();
    }

    /** @return whether this kernel imitates a bare JJava/IJava kernel */
    public boolean plain() {
        return plain;
    }

    @Override
    public void onStartup() {
        super.onStartup();
        importStatics();
    }

    @Override
    protected void installDefaultExtensions() {
        if (!plain) {
            installExtensions(getClassLoader());
        }
    }

    @Override
    protected ClassLoader getClassLoader() {
        return control.classLoader();
    }

    private void importStatics() {
        if (staticsImported) {
            return;
        }
        boolean ok = true;
        for (String imp : STARTUP_IMPORTS) {
            ok &= shell.eval(imp).stream().allMatch(e -> e.status() == jdk.jshell.Snippet.Status.VALID);
        }
        staticsImported = ok;
    }

    /**
     * Adds paths to the cells' class path and loads the {@code Extension}s they declare (renderers, progress).
     *
     * @param paths existing files or folders
     */
    public void addToClasspath(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        String joined = PathsHandler.joinPaths(paths);
        shell.addToClasspath(joined);
        importStatics();
        installExtensions(joined);
    }

    @Override
    public Object evalRaw(String source) {
        Interrupts.clear();
        cellStartNanos = System.nanoTime();
        int count = executionCount.get() - 1;
        String[] lines = source.split("\n", -1);
        Object value = null;
        int from = 0;
        for (int i = 0; i <= lines.length; i++) {
            Matcher m = i < lines.length ? MAGIC_LINE.matcher(lines[i]) : null;
            if (i == lines.length || m.matches()) {
                String code = onlyLines(lines, from, i);
                if (!code.isBlank()) {
                    value = runner.run(code, count);
                }
                if (i < lines.length) {
                    value = null;
                    runMagic(m.group(1), m.group(2));
                }
                from = i + 1;
            }
        }
        return value;
    }

    private void runMagic(String name, String args) {
        try {
            magicsRegistry.evalLineMagic(this, name, splitArgs(args));
        } catch (org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException e) {
            throw new CellFailure("unknown magic %" + name, List.of(ErrorReports.RED + "unknown magic %" + name
                    + ErrorReports.RESET + "; this kernel has " + magicsRegistry.getLineMagicNames().stream()
                    .sorted().map(n -> "%" + n).collect(Collectors.joining(", "))));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CellFailure("%" + name + ": " + e.getMessage(), List.of(ErrorReports.RED + "%" + name + ": "
                    + ErrorReports.RESET + e.getMessage()));
        }
    }

    /** Blank lines outside {@code [from, to)} keep the cell's line numbers for the compiler. */
    private static String onlyLines(String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            if (i >= from && i < to) {
                sb.append(lines[i]);
            }
        }
        return sb.toString();
    }

    static List<String> splitArgs(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : args.trim().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CompilationException c) {
            return c.report();
        }
        if (e instanceof CellFailure f) {
            return f.report();
        }
        List<String> report = runner.reportFor(e);
        return report != null ? report : super.formatError(e);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String masked = KernelSupport.maskMagics(code);
        int end = at;
        while (end < masked.length() && Character.isJavaIdentifierPart(masked.charAt(end))) {
            end++;
        }
        int paren = end;
        while (paren < masked.length() && Character.isWhitespace(masked.charAt(paren))) {
            paren++;
        }
        if (paren < masked.length() && masked.charAt(paren) == '(') {
            end = paren + 1;
        }
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(masked, end, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
                html.append("<hr/>");
            }
            text.append(d.signature());
            html.append("<pre>").append(KernelSupport.html(d.signature())).append("</pre>");
            if (d.javadoc() != null) {
                text.append('\n').append(d.javadoc());
                html.append("<pre>").append(KernelSupport.html(d.javadoc())).append("</pre>");
            }
        }
        DisplayData data = new DisplayData(text.toString());
        data.putHTML(html.toString());
        return data;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        if (at > 0 && code.charAt(at - 1) == '\n') {
            lineStart = at;
        }
        Matcher magic = MAGIC_PREFIX.matcher(code.substring(lineStart, at));
        if (magic.matches()) {
            String prefix = magic.group(1);
            List<String> names = magicsRegistry.getLineMagicNames().stream().filter(n -> n.startsWith(prefix))
                    .sorted().collect(Collectors.toList());
            int start = code.indexOf('%', lineStart) + 1;
            return names.isEmpty() ? null : new ReplacementOptions(names, start, at);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(KernelSupport.maskMagics(code), at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        Set<String> options = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> options.add(s.continuation()));
        suggestions.forEach(s -> options.add(s.continuation()));
        return new ReplacementOptions(new ArrayList<>(options), anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        return runner.isComplete(KernelSupport.maskMagics(code));
    }

    /**
     * Interrupts the running cell: the library's loops stop at their next step ({@link Interrupts}); other code
     * is interrupted ({@link Thread#interrupt()}) and, if still running after a grace period, stopped. The kernel
     * keeps running either way.
     */
    @Override
    public void interrupt() {
        Interrupts.request();
        long cellStart = cellStartNanos;
        Thread waiter = new Thread(() -> {
            waitWhileRunning(STOP_GRACE_MILLIS);
            if (control.isRunning() && Interrupts.checkedSince(cellStart)) {
                waitWhileRunning(STEP_GRACE_MILLIS);
            } else if (control.isRunning()) {
                control.interruptThread();
                waitWhileRunning(STOP_GRACE_MILLIS);
            }
            if (control.isRunning()) {
                control.interrupt(0);
            }
        }, "kernel interrupt");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void waitWhileRunning(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (control.isRunning() && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        shell.close();
    }
}
