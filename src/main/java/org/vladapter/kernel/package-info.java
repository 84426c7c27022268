/**
 * The Java Jupyter kernel and the library's notebook display.
 *
 * <h2>The kernel</h2>
 * {@link org.vladapter.kernel.VlKernel} is a JShell kernel on {@code org.dflib.jjava:jjava-jupyter} that runs cells
 * in its own JVM, so cell values are real objects and render richly. Install it once with
 * {@code bin/vladapter kernel install [--user|--sys-prefix|--prefix DIR]} (a kernelspec named
 * {@value org.vladapter.kernel.KernelSpec#DEFAULT_NAME} whose launcher finds Java 17+ and the library jar;
 * {@code VLADAPTER_KERNEL_OPTS} replaces its JVM flags, default
 * {@value org.vladapter.kernel.KernelSpec#DEFAULT_JVM_OPTS}); {@code kernel doctor} prints what it finds and
 * {@code kernel uninstall} removes it. It has:
 * <ul>
 *   <li>{@code %jars a.jar lib/*.jar} and {@code %classpath A:B} line magics as in JJava and IJava (paths relative
 *       to the notebook's folder; added jars' {@code org.dflib.jjava.jupyter.Extension} services are loaded);
 *       {@code %maven} is refused with a message: the kernel never downloads.</li>
 *   <li>Completion (JShell's, plus magic names), inspection (signature and javadoc), {@code is_complete}.</li>
 *   <li>Interrupt: the library's loops check {@link org.vladapter.train.Interrupts} once per step, so training stops
 *       at the next step boundary with a {@link org.vladapter.train.RunInterruptedException}; other code is
 *       interrupted ({@link java.lang.Thread#interrupt()}) after 2 s and stopped 2 s later if it still runs. The kernel survives both.</li>
 *   <li>Errors: a compile error shows the message, the cell line and a caret under the code; an exception shows its
 *       class, message and the library and cell frames (with cell lines), not JShell's.</li>
 *   <li>Logging at {@code error} level unless {@code VLADAPTER_LOG_LEVEL} says otherwise, so DJL's INFO and WARN
 *       lines stay out of cells.</li>
 * </ul>
 *
 * <h2>Showing things in a notebook</h2>
 * Make the object the cell's <b>last expression</b> (no semicolon); that works the same under this kernel, JJava
 * and IJava. {@code display(x)} (JJava's and IJava's, also here) shows one more object in the middle of a cell.
 * <ul>
 *   <li>Charts: any XChart chart, e.g. {@code Charts.lossPerTask(history, 600, 300, 5)} or
 *       {@code Charts.scoreVersusTrainedParameters(table, "avg", 600, 300)}, shows as {@code image/png}.</li>
 *   <li>Images: any {@code BufferedImage} ({@code Charts.image(chart)} too) shows as {@code image/png}.</li>
 *   <li>Tables: a Tablesaw {@code Table}, a {@code report.ResultsTable}, a {@code peft.ParameterSummary}
 *       ({@code model.parameterSummary()}) and a {@code VlTraining.Result} show as {@code text/html} with a
 *       {@code text/plain} fallback.</li>
 *   <li>Progress: nothing to call. {@code train.ProgressBar} in its default {@code AUTO} style (the trainer's and the
 *       evaluator's) updates one output in place ({@code display_id} / {@code update_display_data}) in a notebook
 *       and prints the usual bar in a terminal.</li>
 *   <li>Quick runs: notebooks read {@code System.getenv("VLA_QUICK")} ({@code 1} under the test command) to shrink
 *       their work.</li>
 *   <li>First cell of every notebook: {@code %jars ../target/vl-adapter.jar}, so it runs under JJava and IJava too.</li>
 * </ul>
 * Another type joins the display with one line in {@link org.vladapter.kernel.Displays} (or a call to
 * {@link org.vladapter.kernel.Displays#html} / {@link org.vladapter.kernel.Displays#png}).
 * {@link org.vladapter.kernel.LibraryExtension} installs all of this into any {@code jjava-jupyter} kernel, JJava
 * included.
 */
package org.vladapter.kernel;

