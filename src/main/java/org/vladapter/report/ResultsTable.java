package org.vladapter.report;

import org.vladapter.io.AtomicDirectories;
import org.vladapter.io.AtomicFiles;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;
import tech.tablesaw.io.csv.CsvWriter;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * A results table like the paper's Table 1: one row per method, one column per task, the average of the
 * task columns ({@value #AVERAGE}) and the percentage of trained parameters ({@value #PERCENT}).
 *
 * <p>The average is the plain mean of the task scores, as in the paper (COCO CIDEr is averaged with the
 * accuracies); a row missing any task score has a missing average. Missing scores are blank in CSV and
 * HTML and {@code -} in text.
 */
public final class ResultsTable {

    /** Name of the method column. */
    public static final String METHOD = "method";
    /** Name of the average column. */
    public static final String AVERAGE = "avg";
    /** Name of the trained-parameter percentage column. */
    public static final String PERCENT = "% params";

    private final Table table;
    private final List<String> tasks;

    private ResultsTable(Table table, List<String> tasks) {
        this.table = table;
        this.tasks = tasks;
    }

    /**
     * Builds a table whose task columns are the union of the rows' score keys, in first-seen order.
     *
     * @param title the table name
     * @param rows one result per method
     * @return the table
     */
    public static ResultsTable of(String title, List<MethodResult> rows) {
        Set<String> tasks = new LinkedHashSet<>();
        rows.forEach(r -> tasks.addAll(r.scores().keySet()));
        return of(title, new ArrayList<>(tasks), rows);
    }

    /**
     * Builds a table with the given task columns.
     *
     * @param title the table name
     * @param tasks task column names, in order
     * @param rows one result per method
     * @return the table
     * @throws IllegalArgumentException naming the method and task when a row has a score for a task that
     *     is not a column
     */
    public static ResultsTable of(String title, List<String> tasks, List<MethodResult> rows) {
        StringColumn method = StringColumn.create(METHOD);
        List<DoubleColumn> taskColumns = new ArrayList<>();
        for (String t : tasks) {
            if (t.equals(METHOD) || t.equals(AVERAGE) || t.equals(PERCENT)) {
                throw new IllegalArgumentException("task column name '" + t + "' is reserved");
            }
            taskColumns.add(DoubleColumn.create(t));
        }
        DoubleColumn avg = DoubleColumn.create(AVERAGE);
        DoubleColumn pct = DoubleColumn.create(PERCENT);
        for (MethodResult r : rows) {
            for (String k : r.scores().keySet()) {
                if (!tasks.contains(k)) {
                    throw new IllegalArgumentException(
                            "method '" + r.method() + "' has a score for '" + k + "', which is not a column " + tasks);
                }
            }
            method.append(r.method());
            double sum = 0;
            boolean complete = !tasks.isEmpty();
            for (int i = 0; i < tasks.size(); i++) {
                Double s = r.scores().get(tasks.get(i));
                if (s == null || s.isNaN()) {
                    taskColumns.get(i).appendMissing();
                    complete = false;
                } else {
                    taskColumns.get(i).append(s);
                    sum += s;
                }
            }
            if (complete) {
                avg.append(sum / tasks.size());
            } else {
                avg.appendMissing();
            }
            pct.append(java.math.BigDecimal.valueOf(r.percentTrainable()).setScale(2, java.math.RoundingMode.HALF_UP)
                    .doubleValue()); // percentages: two decimals in every output
        }
        Table t = Table.create(title).addColumns(method);
        taskColumns.forEach(t::addColumns);
        t.addColumns(avg, pct);
        return new ResultsTable(t, List.copyOf(tasks));
    }

    /** @return the underlying Tablesaw table (live; for notebooks and further analysis) */
    public Table table() {
        return table;
    }

    /** @return the task column names */
    public List<String> tasks() {
        return tasks;
    }

    /**
     * @param method a method name
     * @return its average, NaN when a task score is missing
     * @throws IllegalArgumentException when the method is not in the table
     */
    public double average(String method) {
        return table.doubleColumn(AVERAGE).getDouble(rowOf(method));
    }

    /**
     * @param method a method name
     * @param task a task column
     * @return the score, NaN when missing
     */
    public double score(String method, String task) {
        return table.doubleColumn(task).getDouble(rowOf(method));
    }

    private int rowOf(String method) {
        StringColumn c = table.stringColumn(METHOD);
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i).equals(method)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no method '" + method + "' in table '" + table.name() + "'");
    }

    /**
     * Writes the table as CSV (full precision), atomically.
     *
     * @param file the target file
     */
    public void saveCsv(Path file) {
        AtomicFiles.writeUnchecked(file, out -> {
            Writer w = keepOpen(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            new CsvWriter().write(table, CsvWriteOptions.builder(w).build());
            w.flush();
        });
    }

    /**
     * Writes the table as a complete HTML page (title, the table from tablesaw-html with scores to one
     * decimal), atomically.
     *
     * @param file the target file
     */
    public void saveHtml(Path file) {
        saveHtml(file, Map.of());
    }

    /**
     * Writes the table as a complete HTML page with the run's configuration under it, atomically.
     *
     * @param file the target file
     * @param configuration values shown as a definition list (e.g. the recipe), may be empty
     */
    public void saveHtml(Path file, Map<String, ?> configuration) {
        java.io.StringWriter tableHtml = new java.io.StringWriter();
        try {
            new HtmlWriter().write(rounded(1), HtmlWriteOptions.builder(tableHtml).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot render the results table as HTML: " + e.getMessage(), e);
        }
        StringBuilder page = new StringBuilder();
        String title = escape(table.name());
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(title)
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style>\n</head>\n<body>\n<h1>")
                .append(title).append("</h1>\n").append(tableHtml).append('\n');
        page.append("<p>Scores are on 0-100 (CIDEr-D &times;100); ").append(escape(AVERAGE))
                .append(" is the mean over the tasks when every task has a score; ").append(escape(PERCENT))
                .append(" is the share of trained parameters.</p>\n");
        if (!configuration.isEmpty()) {
            page.append("<h2>Configuration</h2>\n<dl>\n");
            configuration.forEach((k, v) -> page.append("<dt>").append(escape(k)).append("</dt><dd>")
                    .append(escape(String.valueOf(v))).append("</dd>\n"));
            page.append("</dl>\n");
        }
        page.append("</body>\n</html>\n");
        AtomicFiles.writeUnchecked(file, out -> out.write(page.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** @return the table rendered for a terminal, scores with one decimal, percentages with two */
    public String toText() {
        List<String[]> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(METHOD);
        header.addAll(tasks);
        header.add(AVERAGE);
        header.add(PERCENT);
        cells.add(header.toArray(new String[0]));
        for (int r = 0; r < table.rowCount(); r++) {
            String[] row = new String[header.size()];
            row[0] = table.stringColumn(METHOD).get(r);
            for (int i = 0; i < tasks.size(); i++) {
                row[i + 1] = format(table.doubleColumn(tasks.get(i)).getDouble(r), 1);
            }
            row[tasks.size() + 1] = format(table.doubleColumn(AVERAGE).getDouble(r), 1);
            row[tasks.size() + 2] = format(table.doubleColumn(PERCENT).getDouble(r), 2);
            cells.add(row);
        }
        int[] width = new int[header.size()];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(table.name()).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append("  ");
                }
                String pad = " ".repeat(width[i] - row[i].length());
                sb.append(i == 0 ? row[i] + pad : pad + row[i]);
            }
            sb.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    private Table rounded(int decimals) {
        Table copy = table.copy();
        for (String name : copy.columnNames()) {
            if (copy.column(name) instanceof DoubleColumn d) {
                int places = name.equals(PERCENT) ? 2 : decimals;
                double scale = Math.pow(10, places);
                for (int i = 0; i < d.size(); i++) {
                    if (!d.isMissing(i)) {
                        d.set(i, Math.round(d.getDouble(i) * scale) / scale);
                    }
                }
            }
        }
        return copy;
    }

    /** Tablesaw writers close their writer; closing must only flush so the atomic write can finish. */
    private static Writer keepOpen(Writer w) {
        return new FilterWriter(w) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static String format(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
