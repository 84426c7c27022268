package org.vladapter.reproduce;

import org.vladapter.train.ProgressBar;
import org.vladapter.train.ProgressDisplay;
import org.vladapter.train.StepListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress line of a reproduce run: which method of how many, its epoch and step, the latest loss and
 * the ETA of the whole run, from the measured time per step so far (evaluation time included, so the ETA
 * covers it). On a terminal the line is redrawn in place, in a notebook with the kernel's display it is one
 * output updated in place (a bar over all runs' steps); elsewhere (logs) a line is printed after each run's
 * first step and then at most every {@code lineSeconds}. Messages are printed lines in every style.
 */
final class ReproduceProgress implements StepListener {

    private final PrintStream out;
    private final ProgressBar.Style style;
    private final double lineSeconds;
    private final long totalSteps;
    private final long start = System.nanoTime();
    private long stepsDone;
    private long lastLine = System.nanoTime();
    private int lastWidth;
    private String run = "";
    private boolean firstStep;
    private ProgressDisplay.Handle handle;

    /**
     * @param out where the line goes
     * @param style terminal, lines or quiet (AUTO resolves as for progress bars)
     * @param lineSeconds seconds between plain lines
     * @param totalSteps training steps of every run still to do
     */
    ReproduceProgress(PrintStream out, ProgressBar.Style style, double lineSeconds, long totalSteps) {
        this.out = out;
        this.style = ProgressBar.resolve(style);
        this.lineSeconds = lineSeconds;
        this.totalSteps = Math.max(1, totalSteps);
    }

    /**
     * Starts a run.
     *
     * @param label e.g. {@code method 3/13 single-adapter (seed 9595)}
     */
    void startRun(String label) {
        run = label;
        firstStep = true;
        message(label + ": training | ETA " + eta((System.nanoTime() - start) / 1e9));
    }

    /**
     * Prints a message on its own line (ending a terminal line first).
     *
     * @param text the message
     */
    void message(String text) {
        if (style == ProgressBar.Style.QUIET) {
            return;
        }
        if (style == ProgressBar.Style.TERMINAL && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        out.println(text);
        out.flush();
    }

    @Override
    public void onStep(Step step) {
        stepsDone++;
        if (style == ProgressBar.Style.QUIET) {
            return;
        }
        long now = System.nanoTime();
        String line = line(step, (now - start) / 1e9);
        if (style == ProgressBar.Style.TERMINAL) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            out.flush();
            lastWidth = line.length();
        } else if (style == ProgressBar.Style.DISPLAY && ProgressBar.display() != null) {
            double fraction = Math.min(1.0, (double) stepsDone / totalSteps);
            if (handle == null) {
                handle = ProgressBar.display().open(line);
                handle.update(line, fraction);
                lastLine = now;
            } else if ((now - lastLine) / 1e9 >= 0.2 || stepsDone >= totalSteps) {
                handle.update(line, fraction);
                lastLine = now;
            }
        } else if (firstStep || (now - lastLine) / 1e9 >= lineSeconds) {
            out.println(line);
            out.flush();
            lastLine = now;
        }
        firstStep = false;
        if (step.epoch() == step.epochs() - 1 && step.stepInEpoch() == step.stepsPerEpoch()) {
            message(run + ": evaluating");
        }
    }

    /**
     * @param step the latest step
     * @param elapsed seconds since the start
     * @return e.g. {@code method 3/13 single-adapter | epoch 2/6 step 17/40 | loss 1.2345 | elapsed 0:01:10 | ETA 0:05:21}
     */
    String line(Step step, double elapsed) {
        double eta = elapsed / stepsDone * Math.max(0, totalSteps - stepsDone);
        return String.format(Locale.ROOT, "%s | epoch %d/%d step %d/%d | loss %.4f | elapsed %s | ETA %s (%d%% of all steps)",
                run, step.epoch() + 1, step.epochs(), step.stepInEpoch(), step.stepsPerEpoch(), step.loss(),
                clock(elapsed), clock(eta), Math.round(100.0 * stepsDone / totalSteps));
    }

    /**
     * @param elapsed seconds since the start
     * @return the remaining time of the whole run from the rate so far, or {@code --} before the first step
     */
    String eta(double elapsed) {
        return stepsDone == 0 ? "--" : clock(elapsed / stepsDone * Math.max(0, totalSteps - stepsDone));
    }

    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
