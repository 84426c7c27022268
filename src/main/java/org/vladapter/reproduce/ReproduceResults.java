package org.vladapter.reproduce;

import org.knowm.xchart.XYChart;
import org.vladapter.io.AtomicFiles;
import org.vladapter.report.Charts;
import org.vladapter.report.MethodResult;
import org.vladapter.report.ResultsTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a reproduce run: one {@link MethodSummary} per method, in the order run, rendered as the
 * paper's table (terminal text, {@code results.csv}, {@code results.html}, a Tablesaw {@link Table}) and the
 * score-versus-parameters chart ({@link #chart()}, {@link #image()}, {@code score_vs_params.png}).
 *
 * <p>Columns of {@code results.csv}: {@value #METHOD} (command-line names), {@value #PERCENT}, one per task
 * key ({@code vqa, gqa, nlvr, caption} or {@code tvqa, how2qa, tvc, yc2c}), {@value #AVERAGE} (the plain mean of
 * the task scores, as in the paper: accuracies in %, captions CIDEr-D x100) and {@value #SECONDS} (wall time of
 * one run). Scores, averages and percentages are rounded half-up to two decimals, seconds to one; with several
 * seeds each cell is the mean over seeds, and {@code results_per_seed.csv} has every run. The terminal table
 * shows scores with one decimal ({@code mean ± std} with several seeds) next to the paper's % column.
 */
public final class ReproduceResults {

    /** Method column. */
    public static final String METHOD = "method";
    /** Updated-parameter percentage column. */
    public static final String PERCENT = "percent_params";
    /** The paper's percentage column (table and HTML only). */
    public static final String PAPER_PERCENT = "paper_percent";
    /** Average column. */
    public static final String AVERAGE = "average";
    /** Wall-time column. */
    public static final String SECONDS = "seconds";
    /** Suffix of the column with the paper's published VL-BART score of a task (paper-scale benchmarks only). */
    public static final String PAPER_SCORE = "_paper_bart";
    /** Suffix of the column with this run's score minus the published one (paper-scale benchmarks only). */
    public static final String DIFFERENCE = "_diff";

    private final Benchmark benchmark;
    private final String title;
    private final List<MethodSummary> rows;
    private final List<MethodRun> runs;

    ReproduceResults(Benchmark benchmark, String title, List<MethodSummary> rows, List<MethodRun> runs) {
        this.benchmark = benchmark;
        this.title = title;
        this.rows = List.copyOf(rows);
        this.runs = List.copyOf(runs);
    }

    /** @return the benchmark */
    public Benchmark benchmark() {
        return benchmark;
    }

    /** @return one summary per method, in the order run */
    public List<MethodSummary> rows() {
        return rows;
    }

    /** @return every finished run (method x seed) */
    public List<MethodRun> runs() {
        return runs;
    }

    /** @return the task column names (task keys) */
    public List<String> tasks() {
        return benchmark.tasks().stream().map(org.vladapter.tasks.Task::key).toList();
    }

    /**
     * @param method a method's command-line name
     * @return its summary
     * @throws IllegalArgumentException when the method is not in the results
     */
    public MethodSummary row(String method) {
        return rows.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method '" + method + "' in the results"));
    }

    /**
     * The results as a Tablesaw table at full precision: {@value #METHOD}, {@value #PERCENT},
     * {@value #PAPER_PERCENT}, the tasks, {@value #AVERAGE}, {@value #SECONDS}; with several seeds also a
     * {@code <column>_std} column after each score column.
     *
     * @return a new table
     */
    public Table table() {
        return build(false, true);
    }

    /** @return the table of {@code results.csv}: exactly the CSV columns, rounded */
    public Table csvTable() {
        return build(true, false);
    }

    private Table build(boolean rounded, boolean extras) {
        boolean seeds = extras && rows.stream().anyMatch(r -> r.seeds() > 1);
        Table t = Table.create(title);
        StringColumn method = StringColumn.create(METHOD);
        DoubleColumn pct = DoubleColumn.create(PERCENT);
        DoubleColumn paper = DoubleColumn.create(PAPER_PERCENT);
        List<DoubleColumn> scores = new ArrayList<>();
        List<DoubleColumn> stds = new ArrayList<>();
        List<DoubleColumn> published = new ArrayList<>();
        List<DoubleColumn> differences = new ArrayList<>();
        boolean paperScores = PaperScores.has(benchmark);
        for (String task : tasks()) {
            scores.add(DoubleColumn.create(task));
            stds.add(DoubleColumn.create(task + "_std"));
            published.add(DoubleColumn.create(task + PAPER_SCORE));
            differences.add(DoubleColumn.create(task + DIFFERENCE));
        }
        DoubleColumn avg = DoubleColumn.create(AVERAGE);
        DoubleColumn avgStd = DoubleColumn.create(AVERAGE + "_std");
        DoubleColumn secs = DoubleColumn.create(SECONDS);
        for (MethodSummary r : rows) {
            method.append(r.method());
            pct.append(round(r.percentParams(), rounded ? 2 : -1));
            paper.append(round(r.paperPercent(), rounded ? 2 : -1));
            for (int i = 0; i < scores.size(); i++) {
                double mean = r.mean().get(tasks().get(i));
                scores.get(i).append(round(mean, rounded ? 2 : -1));
                stds.get(i).append(r.std().get(tasks().get(i)));
                double paperScore = paperScores ? PaperScores.score(benchmark, org.vladapter.peft.MethodPreset.fromCliName(r.method()),
                        org.vladapter.tasks.Task.of(tasks().get(i))).orElse(Double.NaN) : Double.NaN;
                published.get(i).append(paperScore);
                differences.get(i).append(round(mean - paperScore, rounded ? 2 : -1));
            }
            avg.append(round(r.average(), rounded ? 2 : -1));
            avgStd.append(r.averageStd());
            secs.append(round(r.seconds(), rounded ? 1 : -1));
        }
        t.addColumns(method, pct);
        if (extras) {
            t.addColumns(paper);
        }
        for (int i = 0; i < scores.size(); i++) {
            t.addColumns(scores.get(i));
            if (seeds) {
                t.addColumns(stds.get(i));
            }
            if (paperScores) {
                t.addColumns(published.get(i), differences.get(i));
            }
        }
        t.addColumns(avg);
        if (seeds) {
            t.addColumns(avgStd);
        }
        t.addColumns(secs);
        return t;
    }

    /**
     * Half-up rounding as the tables print it.
     *
     * @param v a value (NaN stays NaN)
     * @param places decimal places; negative keeps the value as it is
     * @return the rounded value
     */
    static double round(double v, int places) {
        if (places < 0 || !Double.isFinite(v)) {
            return v;
        }
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * The image control of the runs that measured it ({@code reproduce --image-control}): per method and task,
     * the mean score over seeds with each test item's own image ({@code score}), with another item's image
     * ({@code shuffled_images}), and their difference ({@code image_gain}: how much of the score needs the
     * right image; near 0 means the row answers from the text alone). Rounded to two places.
     *
     * @return the table (no rows when no run measured the control)
     */
    public Table imageControl() {
        Table t = Table.create(title + ": own image vs. shuffled images");
        StringColumn method = StringColumn.create(METHOD);
        StringColumn task = StringColumn.create("task");
        DoubleColumn own = DoubleColumn.create("score");
        DoubleColumn shuffled = DoubleColumn.create("shuffled_images");
        DoubleColumn gain = DoubleColumn.create("image_gain");
        for (MethodSummary r : rows) {
            List<MethodRun> measured = runs.stream()
                    .filter(x -> x.method().equals(r.method()) && !x.shuffledScores().isEmpty()).toList();
            if (measured.isEmpty()) {
                continue;
            }
            for (String k : tasks()) {
                double a = measured.stream().mapToDouble(x -> x.scores().getOrDefault(k, Double.NaN)).average().orElse(Double.NaN);
                double b = measured.stream().mapToDouble(x -> x.shuffledScores().getOrDefault(k, Double.NaN)).average().orElse(Double.NaN);
                method.append(r.method());
                task.append(k);
                own.append(round(a, 2));
                shuffled.append(round(b, 2));
                gain.append(round(a - b, 2));
            }
        }
        t.addColumns(method, task, own, shuffled, gain);
        return t;
    }

    /** @return the mean scores as a report {@link ResultsTable} (the library's chart input) */
    public ResultsTable resultsTable() {
        List<MethodResult> rs = new ArrayList<>();
        for (MethodSummary r : rows) {
            rs.add(new MethodResult(r.method(), r.mean(), r.percentParams()));
        }
        return ResultsTable.of(title, tasks(), rs);
    }

    /**
     * The paper's trade-off figure: average score against updated parameters (%), log x axis, one labelled
     * point per method.
     *
     * @return the chart
     */
    public XYChart chart() {
        XYChart chart = Charts.scoreVersusTrainedParameters(resultsTable(), ResultsTable.AVERAGE, 900, 600);
        chart.setTitle(title + ": average score vs. updated parameters");
        chart.setYAxisTitle("average score (" + String.join(", ", tasks()) + ")");
        chart.setXAxisTitle("updated parameters (%, log scale)");
        return chart;
    }

    /** @return the chart rendered (for notebooks) */
    public BufferedImage image() {
        return Charts.image(chart());
    }

    /** @return the table for a terminal, with the paper's % column */
    public String toText() {
        boolean seeds = rows.stream().anyMatch(r -> r.seeds() > 1);
        List<String> header = new ArrayList<>(List.of(METHOD, "% params", "paper %"));
        header.addAll(tasks());
        header.add(AVERAGE);
        header.add("time");
        List<String[]> cells = new ArrayList<>();
        cells.add(header.toArray(new String[0]));
        for (MethodSummary r : rows) {
            List<String> row = new ArrayList<>();
            row.add(r.method());
            row.add(fmt(r.percentParams(), 2));
            row.add(fmt(r.paperPercent(), 2));
            for (String task : tasks()) {
                row.add(seeds ? fmt(r.mean().get(task), 1) + " ± " + fmt(r.std().get(task), 1) : fmt(r.mean().get(task), 1));
            }
            row.add(seeds ? fmt(r.average(), 1) + " ± " + fmt(r.averageStd(), 1) : fmt(r.average(), 1));
            row.add(clock(r.seconds()));
            cells.add(row.toArray(new String[0]));
        }
        int[] width = new int[header.size()];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(width[i] - row[i].length());
                sb.append(i == 0 ? "" : "  ").append(i == 0 ? row[i] + pad : pad + row[i]);
            }
            sb.append('\n');
            if (r == 0) {
                sb.append("-".repeat(java.util.Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    private static String fmt(Double v, int places) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%." + places + "f", v);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public String toString() {
        return toText();
    }

    /**
     * Writes {@code results.csv}, {@code results.html}, {@code score_vs_params.png}, with several seeds
     * {@code results_per_seed.csv}, and with the image control {@code image_control.csv} ({@link #imageControl}),
     * each atomically.
     *
     * @param dir the output folder
     * @param settings the run's settings (shown in the HTML page)
     */
    public void save(Path dir, Map<String, String> settings) {
        AtomicFiles.writeUnchecked(dir.resolve("results.csv"), out -> out.write(csv(csvTable()).getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.writeUnchecked(dir.resolve("results.html"), out -> out.write(html(settings).getBytes(StandardCharsets.UTF_8)));
        if (!rows.isEmpty()) {
            Charts.savePng(chart(), dir.resolve("score_vs_params.png"));
        }
        Table control = imageControl();
        if (control.rowCount() > 0) {
            AtomicFiles.writeUnchecked(dir.resolve("image_control.csv"), out -> out.write(csv(control).getBytes(StandardCharsets.UTF_8)));
        }
        if (rows.stream().anyMatch(r -> r.seeds() > 1)) {
            AtomicFiles.writeUnchecked(dir.resolve("results_per_seed.csv"), out -> out.write(csv(perSeed()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Table perSeed() {
        Table t = Table.create(title + " per seed");
        StringColumn method = StringColumn.create(METHOD);
        DoubleColumn seed = DoubleColumn.create("seed");
        DoubleColumn pct = DoubleColumn.create(PERCENT);
        List<DoubleColumn> scores = new ArrayList<>();
        tasks().forEach(k -> scores.add(DoubleColumn.create(k)));
        DoubleColumn avg = DoubleColumn.create(AVERAGE);
        DoubleColumn secs = DoubleColumn.create(SECONDS);
        for (MethodRun r : runs) {
            method.append(r.method());
            seed.append(r.seed());
            pct.append(round(r.percentParams(), 2));
            for (int i = 0; i < scores.size(); i++) {
                scores.get(i).append(round(r.scores().getOrDefault(tasks().get(i), Double.NaN), 2));
            }
            avg.append(round(r.average(), 2));
            secs.append(round(r.seconds(), 1));
        }
        t.addColumns(method, seed, pct);
        scores.forEach(t::addColumns);
        t.addColumns(avg, secs);
        return t;
    }

    /** CSV with plain numbers (no exponent, no trailing {@code .0} for whole seeds), blanks for missing. */
    private static String csv(Table t) {
        StringBuilder sb = new StringBuilder(String.join(",", t.columnNames())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                if (t.column(c) instanceof DoubleColumn d) {
                    double v = d.getDouble(r);
                    if (!Double.isNaN(v)) {
                        sb.append(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
                    }
                } else {
                    String s = t.column(c).getString(r);
                    sb.append(s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String html(Map<String, String> settings) {
        StringWriter w = new StringWriter();
        try {
            new HtmlWriter().write(build(true, true), HtmlWriteOptions.builder(w).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot render the results table as HTML: " + e.getMessage(), e);
        }
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>table{border-collapse:collapse}td,th{padding:2px 8px;"
                        + "border-bottom:1px solid #ccc;text-align:right}td:first-child{text-align:left}</style></head><body>\n<h1>")
                .append(escape(title)).append("</h1>\n").append(w).append("\n<p><img src=\"score_vs_params.png\" alt=\"average score vs. updated parameters\"></p>\n<h2>Configuration</h2>\n<table>\n");
        settings.forEach((k, v) -> sb.append("<tr><td>").append(escape(k)).append("</td><td style=\"text-align:left\">")
                .append(escape(v)).append("</td></tr>\n"));
        return sb.append("</table>\n</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
