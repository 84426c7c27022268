package org.vladapter.train;

/**
 * Somewhere other than a text stream that shows a {@link ProgressBar}: a notebook kernel installs one with
 * {@link ProgressBar#useDisplay(ProgressDisplay)} so bars in {@link ProgressBar.Style#AUTO AUTO} style update a
 * single output in place instead of printing lines.
 */
public interface ProgressDisplay {

    /**
     * Shows a new bar.
     *
     * @param line the bar's first text, as {@link ProgressBar#render} formats it
     * @return the live display of that bar
     */
    Handle open(String line);

    /** One bar's live display. */
    interface Handle {
        /**
         * Replaces the shown state.
         *
         * @param line the bar as text
         * @param fraction done, from 0 to 1
         */
        void update(String line, double fraction);
    }
}
