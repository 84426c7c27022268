package org.vladapter.report;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Heat maps of square grids, such as the 7×7 grid of a frozen CLIP feature map: one cell per visual token,
 * row 0 at the top, as the grid lies over the image.
 *
 * <p>{@link #cellNorms} turns a {@code (side², D)} feature matrix (the rows of a {@code .h5} feature file,
 * row-major over the image) into the L2 norm of each cell's feature vector, a common way to see where a
 * feature map is "active"; {@link #chart} draws any grid of values.
 */
public final class GridHeatmap {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private GridHeatmap() {}

    /**
     * @param features {@code side²} rows of D values, row-major over the image (row {@code r·side + c} is
     *     grid cell (r, c))
     * @return the L2 norm of each cell's vector, {@code [side][side]}
     * @throws IllegalArgumentException when the row count is not a square or rows differ in length
     */
    public static double[][] cellNorms(float[][] features) {
        int side = side(features.length);
        double[][] out = new double[side][side];
        int d = features.length == 0 ? 0 : features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + features[i].length + " values, row 0 has " + d);
            }
            double s = 0;
            for (float v : features[i]) {
                s += (double) v * v;
            }
            out[i / side][i % side] = Math.sqrt(s);
        }
        return out;
    }

    /**
     * @param values {@code side²} values, row-major over the grid
     * @return the values as {@code [side][side]}
     * @throws IllegalArgumentException when the length is not a square
     */
    public static double[][] square(double[] values) {
        int side = side(values.length);
        double[][] out = new double[side][side];
        for (int i = 0; i < values.length; i++) {
            out[i / side][i % side] = values[i];
        }
        return out;
    }

    /**
     * @param matrix a 2-D array, e.g. a weight matrix
     * @return its values as {@code [rows][columns]} doubles
     * @throws IllegalArgumentException when the array is not 2-D
     */
    public static double[][] values(ai.djl.ndarray.NDArray matrix) {
        if (matrix.getShape().dimension() != 2) {
            throw new IllegalArgumentException("a heat map needs a 2-D array, got shape " + matrix.getShape());
        }
        int rows = (int) matrix.getShape().get(0);
        int cols = (int) matrix.getShape().get(1);
        float[] flat = matrix.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < flat.length; i++) {
            out[i / cols][i % cols] = flat[i];
        }
        return out;
    }

    /**
     * A heat map of a rectangular grid, row 0 drawn at the top (image orientation). Values are shown rounded to
     * two significant digits, in the cells (for grids of at most 64 cells) and on the colour scale.
     *
     * @param grid values {@code [rows][columns]}
     * @param title chart title
     * @param width pixels
     * @param height pixels
     * @return the chart (render with {@link Charts#image} or let a notebook display it)
     * @throws IllegalArgumentException for an empty or ragged grid
     */
    public static HeatMapChart chart(double[][] grid, String title, int width, int height) {
        if (grid.length == 0 || grid[0].length == 0) {
            throw new IllegalArgumentException("empty grid");
        }
        int rows = grid.length;
        int cols = grid[0].length;
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("column").yAxisTitle("row").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(rows * cols <= 64);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setRangeColors(new Color[] {new Color(0x2c, 0x7b, 0xb6), new Color(0xff, 0xff, 0xbf),
            new Color(0xd7, 0x19, 0x1c)});
        List<Integer> xs = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            xs.add(c);
        }
        List<Integer> ys = new ArrayList<>();
        for (int r = rows - 1; r >= 0; r--) {
            ys.add(r); // y categories run bottom-up; list the last row first so row 0 is at the top
        }
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            if (grid[r].length != cols) {
                throw new IllegalArgumentException("grid row " + r + " has " + grid[r].length + " values, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                cells.add(new Number[] {c, rows - 1 - r, twoDigits(grid[r][c])});
            }
        }
        chart.addSeries(title, xs, ys, cells);
        return chart;
    }

    /** Values are drawn with two significant digits (cells and colour scale); the chart is for reading, not data. */
    static double twoDigits(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).doubleValue();
    }

    static int side(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        if (n == 0 || side * side != n) {
            throw new IllegalArgumentException(n + " cells do not form a square grid (a 7×7 map has 49)");
        }
        return side;
    }
}
