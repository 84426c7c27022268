package org.vladapter.kernel;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;

/**
 * A Jupyter kernelspec folder for this kernel: {@code kernel.json} (display name, language, message-mode
 * interrupts) and {@code launch.sh}, which finds Java 17+ and the library jar and starts {@link KernelMain} with
 * memory flags for training.
 *
 * @param name the kernelspec name, e.g. {@code vladapter-java}
 * @param displayName the name notebook front ends show
 * @param classPath the library jar (or a class path) the kernel runs from
 * @param java the {@code java} command found at install time (the launcher falls back to it)
 * @param plain whether the kernel imitates a bare JJava/IJava kernel
 */
public record KernelSpec(String name, String displayName, String classPath, String java, boolean plain) {

    /** The kernelspec name {@code kernel install} uses. */
    public static final String DEFAULT_NAME = "vladapter-java";

    /** JVM flags the launcher uses unless {@code VLADAPTER_KERNEL_OPTS} is set. */
    public static final String DEFAULT_JVM_OPTS = "-XX:MaxRAMPercentage=60 -Xss16m";

    /**
     * @param name kernelspec name
     * @param classPath the jar
     * @param plain plain mode
     * @return a spec using the {@code java} running now
     */
    public static KernelSpec of(String name, String classPath, boolean plain) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String display = plain ? "Java 17 (VL-Adapter, plain: %classpath/%jars only)" : "Java 17 (VL-Adapter)";
        return new KernelSpec(name, display, classPath, java, plain);
    }

    /**
     * Writes {@code kernel.json} and {@code launch.sh} into a folder.
     *
     * @param dir the folder (created)
     */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("argv", List.of("sh", "{resource_dir}/launch.sh", "{connection_file}"));
            spec.put("display_name", displayName);
            spec.put("language", "java");
            spec.put("interrupt_mode", "message");
            spec.put("metadata", Map.of("vladapter", Map.of("classpath", classPath, "plain", plain)));
            Files.writeString(dir.resolve("kernel.json"),
                    new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n",
                    StandardCharsets.UTF_8);
            Path launcher = dir.resolve("launch.sh");
            Files.writeString(launcher, launcher(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(launcher, Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the kernelspec runs it with sh anyway
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the launcher script */
    String launcher() {
        return String.join("\n",
                "#!/bin/sh",
                "# Starts the VL-Adapter Java kernel (written by `vladapter kernel install`).",
                "# VLADAPTER_JAR: the library jar; VLADAPTER_JAVA: the java command; VLADAPTER_KERNEL_OPTS: JVM flags.",
                "INSTALLED_CP=" + sh(classPath),
                "CP=\"${VLADAPTER_JAR:-$INSTALLED_CP}\"",
                "JAVA=\"${VLADAPTER_JAVA:-}\"",
                "if [ -z \"$JAVA\" ] && [ -n \"${JAVA_HOME:-}\" ] && [ -x \"$JAVA_HOME/bin/java\" ]; then JAVA=\"$JAVA_HOME/bin/java\"; fi",
                "if [ -z \"$JAVA\" ] && [ -x " + sh(java) + " ]; then JAVA=" + sh(java) + "; fi",
                "if [ -z \"$JAVA\" ]; then JAVA=java; fi",
                "major=$(\"$JAVA\" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')",
                "case \"$major\" in",
                "  ''|1.*|[0-9]|1[0-6]) echo \"vladapter kernel: needs Java 17 or newer with jdk.jshell; '$JAVA' is version '${major:-unknown}'. "
                        + "Set VLADAPTER_JAVA or JAVA_HOME, then restart the kernel.\" >&2; exit 1;;",
                "esac",
                "for p in $(echo \"$CP\" | tr ':' ' '); do",
                "  if [ ! -e \"$p\" ]; then echo \"vladapter kernel: $p not found; rebuild the jar (./bin/vladapter --version) "
                        + "and run ./bin/vladapter kernel install again, or set VLADAPTER_JAR.\" >&2; exit 1; fi",
                "done",
                "exec \"$JAVA\" ${VLADAPTER_KERNEL_OPTS:-" + DEFAULT_JVM_OPTS + "} -Djava.awt.headless=true -cp \"$CP\" "
                        + KernelMain.class.getName() + (plain ? " --plain" : "") + " \"$@\"",
                "");
    }

    private static String sh(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
