package org.vladapter.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar with ETA, current loss and throughput.
 *
 * <p>{@link Style#TERMINAL} redraws one line with {@code \r}; {@link Style#LINES} prints a plain line at
 * most every {@code lineIntervalSeconds} (and at the end), which suits logs, CI and notebooks;
 * {@link Style#QUIET} prints nothing; {@link Style#DISPLAY} updates the installed {@link ProgressDisplay} (a
 * notebook output that changes in place). {@link Style#AUTO} picks DISPLAY when a display is installed
 * ({@link #useDisplay}), else TERMINAL when a console is attached and no Jupyter kernel is detected
 * ({@code JPY_PARENT_PID}), otherwise LINES.
 */
public final class ProgressBar {

    /** How progress is shown. */
    public enum Style {
        /** TERMINAL on an interactive console, LINES otherwise. */
        AUTO,
        /** One line redrawn in place with carriage returns. */
        TERMINAL,
        /** Periodic plain lines. */
        LINES,
        /** Nothing. */
        QUIET,
        /** The installed {@link ProgressDisplay} (LINES when none is installed). */
        DISPLAY
    }

    private static volatile ProgressDisplay display;

    /**
     * Installs (or, with {@code null}, removes) the display AUTO-style bars use from now on.
     *
     * @param d the display, e.g. a notebook kernel's
     */
    public static void useDisplay(ProgressDisplay d) {
        display = d;
    }

    /** @return the installed display, or {@code null} */
    public static ProgressDisplay display() {
        return display;
    }

    private static final int BAR_WIDTH = 24;

    private final String label;
    private final long total;
    private final Style style;
    private final PrintStream out;
    private final double lineIntervalSeconds;
    private long done;
    private long items;
    private float lastLoss = Float.NaN;
    private long startNanos;
    private long lastPrintNanos;
    private int lastWidth;
    private ProgressDisplay.Handle handle;

    /**
     * @param label shown before the bar, e.g. {@code epoch 3/20}
     * @param total number of steps
     * @param style how to show progress
     * @param out where to print
     * @param lineIntervalSeconds minimum seconds between lines in LINES style
     */
    public ProgressBar(String label, long total, Style style, PrintStream out, double lineIntervalSeconds) {
        this.label = label;
        this.total = total;
        Style resolved = resolve(style);
        ProgressDisplay d = display;
        if (resolved == Style.DISPLAY && d == null) {
            resolved = Style.LINES;
        }
        this.style = resolved;
        this.out = out;
        this.lineIntervalSeconds = lineIntervalSeconds;
        this.startNanos = System.nanoTime();
        this.lastPrintNanos = startNanos;
        this.handle = resolved == Style.DISPLAY ? d.open(render(0, total, 0, Float.NaN, 0)) : null;
    }

    /**
     * @param style a requested style
     * @return the concrete style AUTO stands for here
     */
    public static Style resolve(Style style) {
        ProgressDisplay d = display;
        if (style == Style.DISPLAY || (style == Style.AUTO && d != null)) {
            return d != null ? Style.DISPLAY : Style.LINES;
        }
        if (style != Style.AUTO) {
            return style;
        }
        boolean notebook = System.getenv("JPY_PARENT_PID") != null;
        return System.console() != null && !notebook ? Style.TERMINAL : Style.LINES;
    }

    /** @return the concrete style in use */
    public Style style() {
        return style;
    }

    /**
     * Records one finished step.
     *
     * @param stepItems examples in the step
     * @param loss the step's loss
     */
    public void step(int stepItems, float loss) {
        done++;
        items += stepItems;
        lastLoss = loss;
        long now = System.nanoTime();
        if (style == Style.TERMINAL) {
            draw(now);
        } else if (style == Style.DISPLAY && (now - lastPrintNanos) / 1e9 >= 0.2) {
            handle.update(render(done, total, (now - startNanos) / 1e9, lastLoss, items), fraction());
            lastPrintNanos = now;
        } else if (style == Style.LINES && (now - lastPrintNanos) / 1e9 >= lineIntervalSeconds && done < total) {
            out.println(render(done, total, (now - startNanos) / 1e9, lastLoss, items));
            lastPrintNanos = now;
        }
    }

    /** Prints the final state (a newline ends the terminal line). */
    public void finish() {
        long now = System.nanoTime();
        if (style == Style.TERMINAL) {
            draw(now);
            out.println();
        } else if (style == Style.DISPLAY) {
            handle.update(render(done, total, (now - startNanos) / 1e9, lastLoss, items), fraction());
        } else if (style == Style.LINES) {
            out.println(render(done, total, (now - startNanos) / 1e9, lastLoss, items));
        }
        out.flush();
    }

    private double fraction() {
        return total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
    }

    private void draw(long now) {
        String line = render(done, total, (now - startNanos) / 1e9, lastLoss, items);
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
    }

    /**
     * Formats one progress line.
     *
     * @param done steps done
     * @param total steps in all
     * @param elapsedSeconds seconds since start
     * @param loss the latest loss (NaN before the first step)
     * @param items examples seen
     * @return e.g. {@code epoch 1/4 [############............]  50/100  50% loss 0.4213 | 12.0 items/s | ETA 0:00:41}
     */
    public String render(long done, long total, double elapsedSeconds, float loss, long items) {
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        double rate = elapsedSeconds > 0 ? items / elapsedSeconds : 0.0;
        String eta = done > 0 && done < total ? clock(elapsedSeconds / done * (total - done)) : clock(0);
        String width = Integer.toString(Long.toString(total).length());
        return String.format(
                Locale.ROOT,
                "%s [%s] %" + width + "d/%d %3d%% loss %s | %.1f items/s | elapsed %s | ETA %s",
                label,
                bar,
                done,
                total,
                Math.round(fraction * 100),
                Float.isNaN(loss) ? "-" : String.format(Locale.ROOT, "%.4f", loss),
                rate,
                clock(elapsedSeconds),
                eta);
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
