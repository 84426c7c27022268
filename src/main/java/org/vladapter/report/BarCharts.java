package org.vladapter.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Grouped bar charts of a Tablesaw table: one group per row (labelled by a text column), one bar per numeric
 * column, e.g. the % of trained parameters of every method for {@code bart-base} and {@code t5-base}.
 */
public final class BarCharts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private BarCharts() {}

    /**
     * @param table the data
     * @param labelColumn the column whose values name the groups (x axis)
     * @param valueColumns numeric columns, one bar (and legend entry) each
     * @param yTitle the y axis title
     * @param logarithmic whether the y axis is logarithmic (all values must then be positive)
     * @param width pixels
     * @param height pixels
     * @return the chart
     * @throws IllegalArgumentException naming the column when one is missing or not numeric, or the row when a
     *     value is not positive on a log axis
     */
    public static CategoryChart grouped(Table table, String labelColumn, List<String> valueColumns, String yTitle,
            boolean logarithmic, int width, int height) {
        if (!table.columnNames().contains(labelColumn)) {
            throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + labelColumn + "'; it has "
                    + table.columnNames());
        }
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            labels.add(table.column(labelColumn).getString(r));
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(table.name())
                .xAxisTitle(labelColumn).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setLabelsVisible(false);
        double smallest = Double.POSITIVE_INFINITY;
        for (String name : valueColumns) {
            if (!table.columnNames().contains(name) || !(table.column(name) instanceof NumericColumn<?> c)) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no numeric column '" + name + "'");
            }
            List<Double> values = new ArrayList<>();
            for (int r = 0; r < table.rowCount(); r++) {
                double v = c.getDouble(r);
                if (logarithmic && !(v > 0)) {
                    throw new IllegalArgumentException("row '" + labels.get(r) + "' has " + name + " = " + v
                            + "; a logarithmic axis needs positive values");
                }
                values.add(v);
                smallest = Math.min(smallest, v);
            }
            var series = chart.addSeries(name, labels, values);
            TaskColours.forSeries(name).ifPresent(series::setFillColor);
        }
        if (logarithmic && smallest < Double.POSITIVE_INFINITY) {
            // bars start at the axis minimum, which is 0 unless set: a log axis needs it below the smallest bar
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        }
        return chart;
    }
}
