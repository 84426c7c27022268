package org.vladapter.kernel;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Evaluates one cell: splits it into JShell snippets, evaluates them in order, remembers where each snippet
 * sits in its cell (for error lines), and returns the last expression's value as an object.
 */
final class CellRunner {

    private final JShell shell;
    private final ObjectExecutionControl control;
    private final Map<String, SnippetPlace> places = new ConcurrentHashMap<>();
    private final Map<Throwable, List<String>> reports = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    CellRunner(JShell shell, ObjectExecutionControl control) {
        this.shell = shell;
        this.control = control;
    }

    /**
     * @param cell the cell's Java source (magics already replaced, line count unchanged)
     * @param count the cell's execution count
     * @return the value of the cell's last snippet when it is an expression, else {@code null}
     */
    Object run(String cell, int count) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = cell;
        int base = 0;
        Object value = null;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            boolean complete = info.completeness().isComplete();
            // JShell counts diagnostics from the source's start but stack lines from its first non-blank line:
            // evaluating it without leading blanks makes both count from the code's first line
            String source = (complete ? info.source() : rest).stripLeading();
            String next = complete ? info.remaining() : "";
            int start = base + leadingSpace(rest);
            SnippetPlace place = new SnippetPlace(count, 1 + newlines(cell, start));
            value = evalSnippet(source, place);
            base += rest.length() - next.length();
            rest = next;
        }
        return value;
    }

    private Object evalSnippet(String source, SnippetPlace place) {
        control.takeValue();
        control.takeException();
        control.takeStopped();
        Object value = null;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            places.put(snippet.id(), place);
            if (control.takeStopped()) {
                throw new CellFailure("interrupted", List.of(ErrorReports.RED + "Interrupted" + ErrorReports.RESET
                        + ": the cell was stopped (its code did not reach a step boundary in time)"));
            }
            if (event.status() == Snippet.Status.REJECTED) {
                ErrorReports.Compiled c = ErrorReports.compilation(
                        snippet, place, shell.diagnostics(snippet).collect(Collectors.toList()));
                throw new CompilationException(c.message(), c.lines());
            }
            if (event.exception() instanceof EvalException ee) {
                List<String> lines = ErrorReports.exception(ee, places);
                Throwable original = control.takeException();
                if (original instanceof Exception x) {
                    reports.put(x, lines);
                    throw KernelSupport.sneaky(x);
                }
                String msg = ee.getMessage();
                throw new CellFailure(ee.getExceptionClassName() + (msg != null ? ": " + msg : ""), lines);
            }
            if (event.exception() instanceof UnresolvedReferenceException ure) {
                String missing = shell.unresolvedDependencies(ure.getSnippet()).collect(Collectors.joining(", "));
                String msg = ure.getSnippet().toString().isEmpty() ? "unresolved reference"
                        : "'" + name(ure.getSnippet()) + "' needs " + missing + ", which is not defined yet";
                throw new CellFailure(msg, List.of(ErrorReports.RED + "error: " + ErrorReports.RESET + msg
                        + "  (cell line " + place.firstLine() + ")"));
            }
            if (event.exception() != null) {
                throw new CellFailure(String.valueOf(event.exception()), List.of(String.valueOf(event.exception())));
            }
            if (isExpression(snippet)) {
                value = control.takeValue();
            }
        }
        return value;
    }

    /** @return the formatted report for an exception thrown by cell code, or {@code null} */
    List<String> reportFor(Throwable t) {
        return reports.remove(t);
    }

    private static String name(Snippet s) {
        return s instanceof jdk.jshell.DeclarationSnippet d ? d.name() : s.source();
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int newlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < Math.min(end, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * @param code a cell (magics masked)
     * @return {@code complete}, {@code invalid}, or the indent of the next line when more input is needed
     */
    String isComplete(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    rest = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                    return "    ";
                case CONSIDERED_INCOMPLETE:
                    return "";
                case EMPTY:
                    return "complete";
                default:
                    return "invalid";
            }
        }
        return "complete";
    }
}
