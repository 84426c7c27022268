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

    /** What the bar counts: its total and its position are in this unit. */
    public enum Unit {
        /** Optimisation steps (batches); examples are shown as throughput. */
        STEPS("steps"),
        /** Examples: each step advances by the examples it handled. */
        EXAMPLES("examples");

        private final String word;

        Unit(String word) {
            this.word = word;
        }

        /** @return the unit's plural word, e.g. {@code examples} */
        public String word() {
            return word;
        }
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
    private final Unit unit;
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
        this(label, total, Unit.STEPS, style, out, lineIntervalSeconds);
    }

    /**
     * @param label shown before the bar, e.g. {@code eval vqa}
     * @param total the total, in {@code unit}
     * @param unit what {@code total} counts: steps, or examples (then each {@link #step} advances by its examples)
     * @param style how to show progress
     * @param out where to print
     * @param lineIntervalSeconds minimum seconds between lines in LINES style
     */
    public ProgressBar(String label, long total, Unit unit, Style style, PrintStream out, double lineIntervalSeconds) {
        this.label = label;
        this.total = total;
        this.unit = unit;
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
     * Records one finished step: the position advances by one step, or by {@code stepItems} when the bar counts
     * {@link Unit#EXAMPLES}.
     *
     * @param stepItems examples in the step
     * @param loss the step's loss ({@code NaN} when there is none, e.g. evaluation)
     */
    public void step(int stepItems, float loss) {
        done += unit == Unit.EXAMPLES ? stepItems : 1;
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

    /**
     * Prints the final line: what was done and how long it took ({@link #summary}); on a terminal it replaces
     * the bar and ends the line.
     */
    public void finish() {
        long now = System.nanoTime();
        String line = summary((now - startNanos) / 1e9);
        if (style == Style.TERMINAL) {
            int pad = Math.max(0, lastWidth - line.length());
            out.print("\r" + line + " ".repeat(pad));
            out.println();
        } else if (style == Style.DISPLAY) {
            handle.update(line, fraction());
        } else if (style == Style.LINES) {
            out.println(line);
        }
        out.flush();
    }

    /**
     * @param elapsedSeconds seconds since the bar was created
     * @return e.g. {@code eval vqa: done 500/500 examples (100%) in 0:01:23 (6.0 examples/s)} or
     *     {@code epoch 1/4: done 100/100 steps (100%, 3200 examples) in 0:05:00 (10.7 examples/s), last loss 0.4213};
     *     {@code stopped at} instead of {@code done} when the total was not reached
     */
    public String summary(double elapsedSeconds) {
        double rate = elapsedSeconds > 0 ? items / elapsedSeconds : 0.0;
        StringBuilder sb = new StringBuilder(label).append(": ").append(done >= total ? "done " : "stopped at ")
                .append(done).append('/').append(total).append(' ').append(unit.word());
        sb.append(" (").append(Math.round(fraction() * 100)).append('%');
        if (unit == Unit.STEPS) {
            sb.append(", ").append(items).append(" examples");
        }
        sb.append(')');
        sb.append(" in ").append(clock(elapsedSeconds))
                .append(String.format(Locale.ROOT, " (%.1f examples/s)", rate));
        if (!Float.isNaN(lastLoss)) {
            sb.append(String.format(Locale.ROOT, ", last loss %.4f", lastLoss));
        }
        return sb.toString();
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
     * @param done position, in the bar's unit
     * @param total the total, in the bar's unit
     * @param elapsedSeconds seconds since start
     * @param loss the latest loss (NaN before the first step)
     * @param items examples seen
     * @return e.g. {@code epoch 1/4 [############............]  50/100  50% loss 0.4213 | 12.0 items/s | ETA 0:00:41};
     *     the ETA is the remaining work at the rate measured so far, {@code -} before anything was measured
     */
    public String render(long done, long total, double elapsedSeconds, float loss, long items) {
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        double rate = elapsedSeconds > 0 ? items / elapsedSeconds : 0.0;
        String eta = done >= total ? clock(0) : done > 0 && elapsedSeconds > 0 ? clock(elapsedSeconds / done * (total - done)) : "-";
        String width = Integer.toString(Long.toString(total).length());
        return String.format(
                Locale.ROOT,
                "%s [%s] %" + width + "d/%d%s %3d%% loss %s | %.1f %s/s | elapsed %s | ETA %s",
                label,
                bar,
                done,
                total,
                unit == Unit.EXAMPLES ? " examples" : "",
                Math.round(fraction * 100),
                Float.isNaN(loss) ? "-" : String.format(Locale.ROOT, "%.4f", loss),
                rate,
                unit == Unit.EXAMPLES ? "examples" : "items",
                clock(elapsedSeconds),
                eta);
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
