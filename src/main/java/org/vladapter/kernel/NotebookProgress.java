package org.vladapter.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.vladapter.train.ProgressDisplay;

import java.util.Locale;
import java.util.UUID;

/**
 * Shows the library's progress bars as one notebook output each, updated in place ({@code display_data} with a
 * {@code display_id}, then {@code update_display_data}): an HTML {@code <progress>} bar with the same line the CLI
 * prints, and that line as the {@code text/plain} fallback.
 */
final class NotebookProgress implements ProgressDisplay {

    private final BaseKernel kernel;

    NotebookProgress(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Handle open(String line) {
        String id = UUID.randomUUID().toString();
        DisplayData first = data(line, 0);
        first.setDisplayId(id);
        kernel.display(first);
        return (text, fraction) -> kernel.getIO().display.updateDisplay(id, data(text, fraction));
    }

    /**
     * @param line the bar as text
     * @param fraction done, 0 to 1
     * @return display data with text/html and text/plain
     */
    static DisplayData data(String line, double fraction) {
        DisplayData d = new DisplayData(line);
        d.putHTML(String.format(Locale.ROOT,
                "<div class=\"vladapter-progress\"><progress value=\"%.4f\" max=\"1\" style=\"width:16em\"></progress>"
                        + " <code>%s</code></div>", fraction, KernelSupport.html(line)));
        return d;
    }
}
