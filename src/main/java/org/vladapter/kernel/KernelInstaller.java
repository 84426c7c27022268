package org.vladapter.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs and removes the kernelspec with {@code jupyter kernelspec install|uninstall}, so it lands exactly
 * where the user's Jupyter looks ({@code --user}, {@code --sys-prefix} or {@code --prefix DIR}).
 */
public final class KernelInstaller {

    /** Where a kernelspec goes. */
    public enum Scope {
        /** The user's Jupyter data folder ({@code jupyter kernelspec install --user}). */
        USER,
        /** The Python environment Jupyter runs in ({@code --sys-prefix}). */
        SYS_PREFIX,
        /** Jupyter's system-wide folder (no flag; needs permission). */
        SYSTEM,
        /** {@code --prefix DIR}: {@code DIR/share/jupyter/kernels}. */
        PREFIX
    }

    private KernelInstaller() {}

    /** @return the jar (or classes folder) the running code was loaded from */
    public static Path runningJar() {
        try {
            return Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot tell which jar the kernel runs from; set VLADAPTER_JAR", e);
        }
    }

    /**
     * Writes the spec into a temporary folder and hands it to {@code jupyter kernelspec install}.
     *
     * @param spec the spec
     * @param scope where it goes
     * @param prefix the prefix folder for {@link Scope#PREFIX}, else ignored
     * @return Jupyter's report (the folder it installed into)
     */
    public static String install(KernelSpec spec, Scope scope, Path prefix) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("vladapter-kernelspec");
            Path dir = tmp.resolve(spec.name());
            spec.writeTo(dir);
            List<String> cmd = new ArrayList<>(List.of(jupyter(), "kernelspec", "install", "--replace",
                    "--name", spec.name()));
            switch (scope) {
                case USER -> cmd.add("--user");
                case SYS_PREFIX -> cmd.add("--sys-prefix");
                case PREFIX -> cmd.addAll(List.of("--prefix", prefix.toAbsolutePath().toString()));
                case SYSTEM -> { }
            }
            cmd.add(dir.toString());
            try {
                return run(cmd);
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("jupyter-kernelspec") || scope == Scope.SYS_PREFIX
                        || scope == Scope.SYSTEM) {
                    throw e;
                }
                // Jupyter without its kernelspec command (Debian's jupyter-client package missing): copy it ourselves
                Path kernels = scope == Scope.PREFIX ? prefix.resolve("share/jupyter/kernels")
                        : Path.of(run(List.of(jupyter(), "--data-dir")).trim(), "kernels");
                spec.writeTo(kernels.resolve(spec.name()));
                return "Installed kernelspec " + spec.name() + " in " + kernels.resolve(spec.name()).toAbsolutePath()
                        + " (written directly: `jupyter kernelspec` is not installed)";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the kernelspec: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * @param name the kernelspec name
     * @return Jupyter's report
     */
    public static String uninstall(String name) {
        return run(List.of(jupyter(), "kernelspec", "uninstall", "-y", name));
    }

    /** @return the {@code jupyter} command ({@code VLADAPTER_JUPYTER} overrides it) */
    static String jupyter() {
        String j = System.getenv("VLADAPTER_JUPYTER");
        return j != null && !j.isBlank() ? j : "jupyter";
    }

    /**
     * Runs a command and returns its output; fails with the output when it exits non-zero.
     *
     * @param cmd the command
     * @return standard output and error
     */
    static String run(List<String> cmd) {
        return run(cmd, true);
    }

    /**
     * @param cmd the command
     * @param withStderr whether standard error is part of the returned text (false for machine-read output such
     *     as {@code kernelspec list --json}, where Jupyter's warnings on standard error would corrupt the JSON)
     * @return the command's output, trimmed
     */
    static String run(List<String> cmd, boolean withStderr) {
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd);
            if (withStderr) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + cmd.get(0) + "' (" + e.getMessage() + "). Jupyter is needed: "
                    + "on Debian/Ubuntu `apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel "
                    + "jupyter-notebook`, elsewhere `pip install jupyter`; or set VLADAPTER_JUPYTER to the jupyter command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
