package org.vladapter.kernel;

/**
 * Keeps library logging (DJL's INFO and WARN lines) out of notebook cells: the kernel logs errors only unless
 * the environment variable {@value #LEVEL_ENV} asks for more ({@code info}, {@code debug}, ...).
 *
 * <p>The binding is slf4j-simple, which reads its level once, when the first logger is made; the kernel sets it
 * before anything logs. Under another kernel (JJava) that already made loggers this has no effect.
 */
final class NotebookLogging {

    /** Environment variable with the log level for notebook kernels (default {@code error}). */
    static final String LEVEL_ENV = "VLADAPTER_LOG_LEVEL";

    private static final String SIMPLE_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private NotebookLogging() {}

    /** Sets the default level unless the user chose one. */
    static void quiet() {
        if (System.getProperty(SIMPLE_LEVEL) == null) {
            String level = System.getenv(LEVEL_ENV);
            System.setProperty(SIMPLE_LEVEL, level == null || level.isBlank() ? "error" : level.trim());
        }
    }
}
