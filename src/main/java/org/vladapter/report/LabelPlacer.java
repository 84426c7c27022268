package org.vladapter.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Places one text label per scatter point so that labels do not cover each other or the markers: each label
 * is tried above its point, then below, right and left of it, then further above and below, and takes the first
 * spot whose box is free. Boxes are estimated in pixels from the chart size (the plot area is taken as 85 % x 80 % of the chart,
 * about 6.6 pixels per character and 14 pixels per line of XChart's default annotation font); when no spot is
 * free the label goes above its point. A label that ends up away from its point gets a leader line: from the
 * point to the nearest spot of the label's box.
 */
final class LabelPlacer {

    private static final double CHAR_PX = 6.6;
    private static final double LINE_PX = 14;
    private static final double MARKER_PX = 12;
    /** Candidate label centres relative to the point, in pixels: {dx in half label widths (+ gap), dy}. */
    private static final double[][] SPOTS = {{0, 22}, {0, -22}, {1, 0}, {-1, 0}, {0, 40}, {0, -40}, {1, 20}, {-1, 20},
        {1, -20}, {-1, -20}, {0, 58}, {0, -58}, {0, 76}, {0, -76}};
    private static final double GAP_PX = 10;
    /** A label box farther than this from its point (pixels) gets a leader line. */
    private static final double LEADER_PX = 20;

    /**
     * Where a label goes, in data units.
     *
     * @param x the label centre's x
     * @param y the label centre's y
     * @param leaderX where a leader line from the point ends (the box's nearest spot), x
     * @param leaderY the same, y
     * @param leader whether the label is far enough from its point to need the line
     */
    record Placement(double x, double y, double leaderX, double leaderY, boolean leader) {}

    private final double plotWidth;
    private final double plotHeight;
    private final double logXMin;
    private final double logXMax;
    private final double yMin;
    private final double yMax;
    private final List<double[]> taken = new ArrayList<>(); // boxes {x0, y0, x1, y1} in pixels, y up

    /**
     * @param width chart width in pixels
     * @param height chart height in pixels
     * @param logXMin natural log of the x axis minimum (log axis)
     * @param logXMax natural log of the x axis maximum
     * @param yMin y axis minimum
     * @param yMax y axis maximum
     */
    LabelPlacer(int width, int height, double logXMin, double logXMax, double yMin, double yMax) {
        this.plotWidth = 0.85 * width;
        this.plotHeight = 0.8 * height;
        this.logXMin = logXMin;
        this.logXMax = logXMax;
        this.yMin = yMin;
        this.yMax = yMax;
    }

    /** Reserves the spot of a marker, so no label covers it. */
    void marker(double x, double y) {
        double px = px(x);
        double py = py(y);
        taken.add(new double[] {px - MARKER_PX / 2, py - MARKER_PX / 2, px + MARKER_PX / 2, py + MARKER_PX / 2});
    }

    /**
     * @param label the text
     * @param x the point's x (data units)
     * @param y the point's y (data units)
     * @return where the label goes
     */
    Placement place(String label, double x, double y) {
        double half = label.length() * CHAR_PX / 2;
        double px = px(x);
        double py = py(y);
        for (double[] spot : SPOTS) {
            double cx = px + spot[0] * (half + GAP_PX);
            double cy = py + spot[1];
            double[] box = {cx - half, cy - LINE_PX / 2, cx + half, cy + LINE_PX / 2};
            if (box[0] >= 0 && box[2] <= plotWidth && box[1] >= 0 && box[3] <= plotHeight
                    && taken.stream().noneMatch(t -> overlaps(t, box))) {
                taken.add(box);
                double nx = Math.max(box[0], Math.min(box[2], px));
                double ny = Math.max(box[1], Math.min(box[3], py));
                boolean far = Math.hypot(nx - px, ny - py) > LEADER_PX;
                return new Placement(x(cx), y(cy), x(nx), y(ny), far);
            }
        }
        return new Placement(x, y(py + SPOTS[0][1]), x, y, false);
    }

    private double x(double px) {
        return Math.exp(logXMin + px / plotWidth * (logXMax - logXMin));
    }

    private double y(double py) {
        return yMin + py / plotHeight * (yMax - yMin);
    }

    private double px(double x) {
        return plotWidth * (Math.log(x) - logXMin) / (logXMax - logXMin);
    }

    private double py(double y) {
        return plotHeight * (y - yMin) / (yMax - yMin);
    }

    private static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }
}
