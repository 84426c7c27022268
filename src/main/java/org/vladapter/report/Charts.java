package org.vladapter.report;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vladapter.train.LossRecord;
import org.vladapter.train.TrainingHistory;
import org.vladapter.io.AtomicDirectories;
import org.vladapter.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * XChart charts of a run and of a results table, rendered headlessly.
 *
 * <p>Loading this class sets {@code java.awt.headless=true} when the property is unset, so charts render
 * on servers and in CI; charts are plain {@link XYChart}s, and {@link #image} gives a
 * {@link BufferedImage} that notebook kernels display as {@code image/png}.
 */
public final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Name prefix of the thin grey leader-line series that {@link #scoreVersusTrainedParameters} adds from a point
     * to its label when the label had to move away from it; every other series of that chart is one method.
     */
    public static final String LEADER_PREFIX = "label line: ";

    private Charts() {}

    /**
     * Training loss per task against the global step, one series per task.
     *
     * @param history the run's history
     * @param width pixels
     * @param height pixels
     * @param smoothing moving-average window in steps of the same task (1 = raw)
     * @return the chart
     */
    public static XYChart lossPerTask(TrainingHistory history, int width, int height, int smoothing) {
        XYChart chart = base("Training loss per task", "step", "loss", width, height);
        for (Map.Entry<String, List<LossRecord>> e : history.lossesByTask().entrySet()) {
            List<LossRecord> rs = e.getValue();
            double[] x = new double[rs.size()];
            double[] y = new double[rs.size()];
            double window = 0;
            int w = Math.max(1, smoothing);
            for (int i = 0; i < rs.size(); i++) {
                x[i] = rs.get(i).step();
                window += rs.get(i).loss();
                if (i >= w) {
                    window -= rs.get(i - w).loss();
                }
                y[i] = window / Math.min(i + 1, w);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            TaskColours.forSeries(e.getKey()).ifPresent(s::setLineColor);
        }
        return chart;
    }

    /**
     * Validation score per task against the epoch (1-based on the axis), one series per task.
     *
     * @param history the run's history
     * @param width pixels
     * @param height pixels
     * @return the chart
     */
    public static XYChart validationPerEpoch(TrainingHistory history, int width, int height) {
        XYChart chart = base("Validation score per epoch", "epoch", "score", width, height);
        chart.getStyler().setXAxisDecimalPattern("#");
        for (Map.Entry<String, List<double[]>> e : history.validationByTask().entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0] + 1).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            TaskColours.forSeries(e.getKey()).ifPresent(c -> {
                s.setLineColor(c);
                s.setMarkerColor(c);
            });
        }
        return chart;
    }

    /**
     * Score against the percentage of trained parameters, one labelled point per method on a log x axis,
     * like the paper's teaser figure.
     *
     * @param table the results
     * @param column the score column to plot, e.g. {@link ResultsTable#AVERAGE} or a task
     * @param width pixels
     * @param height pixels
     * @return the chart
     * @throws IllegalArgumentException naming the method when its percentage is not positive (log axis)
     *     <p>Without any score in {@code column} the chart says so in its title and in the plot.
     */
    public static XYChart scoreVersusTrainedParameters(ResultsTable table, String column, int width, int height) {
        XYChart chart = base(
                column + " vs. trained parameters", "trained parameters (%, log scale)", column, width, height);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendVisible(false);
        var methods = table.table().stringColumn(ResultsTable.METHOD);
        var pct = table.table().doubleColumn(ResultsTable.PERCENT);
        var score = table.table().doubleColumn(column);
        List<Integer> rows = new ArrayList<>();
        double minP = Double.POSITIVE_INFINITY, maxP = 0, minS = Double.POSITIVE_INFINITY, maxS = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < methods.size(); i++) {
            double p = pct.getDouble(i);
            double s = score.getDouble(i);
            if (Double.isNaN(s)) {
                continue;
            }
            if (!(p > 0)) {
                throw new IllegalArgumentException(
                        "method '" + methods.get(i) + "' has " + p + " % trained parameters; a log axis needs > 0");
            }
            rows.add(i);
            minP = Math.min(minP, p);
            maxP = Math.max(maxP, p);
            minS = Math.min(minS, s);
            maxS = Math.max(maxS, s);
        }
        if (rows.isEmpty()) {
            // say why there is no point instead of drawing bare axes
            String note = "no " + column + " score: " + (column.equals(ResultsTable.AVERAGE)
                    ? "not every task has a score" : "the task has no score");
            chart.setTitle(chart.getTitle() + " (" + note + ")");
            chart.getStyler().setXAxisMin(0.1);
            chart.getStyler().setXAxisMax(100.0);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(100.0);
            chart.addSeries(" ", new double[] {1.0}, new double[] {50.0}).setMarkerColor(new java.awt.Color(0, 0, 0, 0));
            chart.addAnnotation(new AnnotationText(note, 1.0, 50.0, false));
            return chart;
        }
        // room around the points so markers and labels stay inside the plot
        double span = Math.max(maxS - minS, 1.0);
        double yMin = minS - 0.15 * span;
        double yMax = maxS + 0.25 * span;
        chart.getStyler().setXAxisMin(minP / 2.5);
        chart.getStyler().setXAxisMax(maxP * 2.5);
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        LabelPlacer labels = new LabelPlacer(width, height, Math.log(minP / 2.5), Math.log(maxP * 2.5), yMin, yMax);
        for (int i : rows) {
            labels.marker(pct.getDouble(i), score.getDouble(i));
        }
        Map<String, double[][]> leaders = new java.util.LinkedHashMap<>();
        for (int i : rows) {
            double p = pct.getDouble(i);
            double s = score.getDouble(i);
            chart.addSeries(methods.get(i), new double[] {p}, new double[] {s});
            String label = methods.get(i) + String.format(Locale.ROOT, " (%.1f, %.2f%%)", s, p);
            LabelPlacer.Placement at = labels.place(label, p, s);
            chart.addAnnotation(new AnnotationText(label, at.x(), at.y(), false));
            if (at.leader()) {
                leaders.put(methods.get(i), new double[][] {{p, at.leaderX()}, {s, at.leaderY()}});
            }
        }
        // after every method's series, so the leaders take none of the theme's marker and colour slots
        leaders.forEach((method, xy) -> {
            XYSeries line = chart.addSeries(LEADER_PREFIX + method, xy[0], xy[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(java.awt.Color.GRAY);
            line.setLineStyle(new java.awt.BasicStroke(0.8f));
        });
        chart.getStyler().setAnnotationTextFontColor(java.awt.Color.DARK_GRAY);
        return chart;
    }

    /**
     * @param chart a chart
     * @return the chart rendered to an image (for notebooks)
     */
    public static BufferedImage image(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * @param chart any XChart chart (heat map, bar chart, ...)
     * @return the chart rendered to an image (for notebooks)
     */
    public static BufferedImage image(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Renders a chart to a PNG file atomically.
     *
     * @param chart the chart
     * @param file the target file (its name is used as given; no extension is added)
     */
    public static void savePng(XYChart chart, Path file) {
        BufferedImage img = image(chart);
        AtomicFiles.writeUnchecked(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }

    private static XYChart base(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }
}
