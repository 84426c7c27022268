package org.vladapter.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.Snippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Turns compiler diagnostics and snippet exceptions into the lines a notebook shows: the cell line of each
 * diagnostic with a caret under the offending code, and for exceptions the class, message and the frames that
 * matter (library and cell frames, with cell lines), without JShell's and reflection's own frames.
 */
final class ErrorReports {

    static final String RED = "\u001b[1;31m";
    static final String DIM = "\u001b[2m";
    static final String RESET = "\u001b[0m";

    /** Frames from these packages are the REPL's machinery, never the user's code. */
    private static final List<String> HIDDEN = List.of(
            "jdk.jshell.", "jdk.internal.", "java.lang.reflect.", "sun.reflect.", "org.vladapter.kernel.",
            "java.lang.Thread.run");

    /** Library frames shown before the first cell frame; the rest are counted. */
    private static final int LIBRARY_FRAMES = 10;

    private ErrorReports() {}

    /**
     * @param snippet the rejected snippet
     * @param place where it came from
     * @param diags its diagnostics
     * @return display lines, and the first error as one line
     */
    static Compiled compilation(Snippet snippet, SnippetPlace place, List<Diag> diags) {
        List<String> lines = new ArrayList<>();
        String first = null;
        String source = snippet.source();
        String[] srcLines = source.split("\n", -1);
        for (Diag d : diags) {
            if (!d.isError()) {
                continue;
            }
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            long end = d.getEndPosition() >= 0 ? d.getEndPosition() : pos + 1;
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < Math.min(pos, source.length()); i++) {
                if (source.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String[] message = d.getMessage(Locale.ROOT).split("\n");
            int cellLine = place.cellLine(line);
            if (first == null) {
                first = message[0] + " (cell line " + cellLine + ")";
            }
            lines.add(RED + "error: " + message[0] + RESET + "  (cell line " + cellLine + ")");
            if (pos >= 0 && line - 1 < srcLines.length) {
                String gutter = String.format(Locale.ROOT, "%4d | ", cellLine);
                lines.add(gutter + srcLines[line - 1]);
                int col = (int) (pos - lineStart);
                int width = (int) Math.max(1, Math.min(end, lineStart + srcLines[line - 1].length()) - pos);
                lines.add(" ".repeat(gutter.length() - 2) + "| " + " ".repeat(Math.max(0, col)) + RED
                        + "^".repeat(width) + RESET);
            }
            for (int i = 1; i < message.length; i++) {
                if (!message[i].trim().startsWith("location:")) {
                    lines.add(message[i]);
                }
            }
        }
        if (first == null) {
            first = "the snippet was rejected (cell line " + place.firstLine() + ")";
            lines.add(RED + "error: " + first + RESET);
        }
        return new Compiled(first, lines);
    }

    /** A formatted compilation failure. */
    record Compiled(String message, List<String> lines) {}

    /**
     * @param e the snippet's exception as JShell reports it (frames of cell code point at snippets)
     * @param places snippet id to source place
     * @return display lines
     */
    static List<String> exception(EvalException e, Map<String, SnippetPlace> places) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        Throwable t = e;
        boolean firstCause = true;
        while (t != null && seen.add(t)) {
            String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            String msg = t.getMessage();
            lines.add((firstCause ? RED : RED + "Caused by: ") + name + RESET + (msg != null ? ": " + msg : ""));
            lines.addAll(frames(t.getStackTrace(), places));
            t = t.getCause();
            firstCause = false;
        }
        return lines;
    }

    /**
     * @param trace a stack trace
     * @param places snippet id to source place
     * @return the frames worth showing, formatted
     */
    static List<String> frames(StackTraceElement[] trace, Map<String, SnippetPlace> places) {
        int lastCell = -1;
        for (int i = 0; i < trace.length; i++) {
            if (isCell(trace[i])) {
                lastCell = i;
            }
        }
        int end = lastCell >= 0 ? lastCell + 1 : trace.length;
        List<String> out = new ArrayList<>();
        int library = 0;
        int omitted = 0;
        boolean sawCell = false;
        for (int i = 0; i < end; i++) {
            StackTraceElement f = trace[i];
            if (isCell(f)) {
                if (omitted > 0) {
                    out.add(DIM + "    ... " + omitted + " more library frames" + RESET);
                    omitted = 0;
                }
                sawCell = true;
                out.add("    at " + cellFrame(f, places));
            } else if (!hidden(f)) {
                if (!sawCell && library >= LIBRARY_FRAMES) {
                    omitted++;
                } else {
                    library++;
                    out.add(DIM + "    at " + f + RESET);
                }
            }
        }
        if (omitted > 0) {
            out.add(DIM + "    ... " + omitted + " more library frames" + RESET);
        }
        return out;
    }

    private static boolean isCell(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private static boolean hidden(StackTraceElement f) {
        String full = f.getClassName() + "." + f.getMethodName();
        for (String h : HIDDEN) {
            if (full.startsWith(h)) {
                return true;
            }
        }
        return false;
    }

    private static String cellFrame(StackTraceElement f, Map<String, SnippetPlace> places) {
        SnippetPlace p = places.get(f.getFileName().substring(1));
        String where = p == null ? "snippet " + f.getFileName() + ", line " + f.getLineNumber()
                : "cell [" + p.cell() + "], line " + p.cellLine(f.getLineNumber());
        String method = f.getMethodName();
        String cls = f.getClassName();
        String owner = cls == null || cls.isEmpty() ? "" : cls + ".";
        return method == null || method.isEmpty() || method.startsWith("do_it$") ? where : owner + method + " (" + where + ")";
    }
}
