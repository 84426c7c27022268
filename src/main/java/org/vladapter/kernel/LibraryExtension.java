package org.vladapter.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.vladapter.train.ProgressBar;

/**
 * The library's hook into any kernel built on {@code jjava-jupyter} — this project's kernel and JJava alike
 * (declared in {@code META-INF/services/org.dflib.jjava.jupyter.Extension}, so JJava loads it when a cell adds the
 * library jar with {@code %jars}): installs the {@link Displays} renderers, routes progress bars to a display that
 * updates in place, and quiets logging.
 */
public final class LibraryExtension implements Extension {

    /** Creates the extension (the service loader calls this). */
    public LibraryExtension() {}

    @Override
    public void install(BaseKernel kernel) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        NotebookLogging.quiet();
        Displays.installInto(kernel.getRenderer());
        ProgressBar.useDisplay(new NotebookProgress(kernel));
    }

    @Override
    public void uninstall(BaseKernel kernel) {
        Displays.uninstall(kernel.getRenderer());
        ProgressBar.useDisplay(null);
    }
}
