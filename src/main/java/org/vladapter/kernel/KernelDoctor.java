package org.vladapter.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.PrintWriter;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code vladapter kernel doctor} checks, in order, printing one line each: Java (version 17+, the
 * {@code jdk.jshell} module), the library jar, Jupyter, and the installed kernelspec (its launcher, and the jar
 * it points at).
 */
public final class KernelDoctor {

    private KernelDoctor() {}

    /**
     * @param out where the report goes
     * @param name the kernelspec name to look for
     * @return the number of problems found
     */
    public static int check(PrintWriter out, String name) {
        int problems = 0;
        int major = Runtime.version().feature();
        boolean jshell = ModuleFinder.ofSystem().find("jdk.jshell").isPresent();
        problems += line(out, major >= 17 && jshell, "java", System.getProperty("java.home") + " (version "
                + Runtime.version() + (jshell ? ", jdk.jshell present)" : ", jdk.jshell MISSING: install a full JDK, "
                + "e.g. openjdk-17-jdk-headless)"));
        Path jar = KernelInstaller.runningJar();
        problems += line(out, Files.isRegularFile(jar), "jar", jar + (Files.isRegularFile(jar)
                ? String.format(" (%.1f MB)", jar.toFile().length() / 1e6) : " is not a jar: run from bin/vladapter"));
        String version;
        try {
            version = KernelInstaller.run(List.of(KernelInstaller.jupyter(), "--version")).replace('\n', ' ');
        } catch (IllegalStateException e) {
            line(out, false, "jupyter", e.getMessage());
            return problems + 1;
        }
        problems += line(out, true, "jupyter", version);
        JsonObject specs;
        try {
            specs = JsonParser.parseString(KernelInstaller.run(
                    List.of(KernelInstaller.jupyter(), "kernelspec", "list", "--json"), false)).getAsJsonObject()
                    .getAsJsonObject("kernelspecs");
        } catch (RuntimeException e) {
            line(out, false, "kernelspec", "cannot list kernelspecs: " + e.getMessage());
            return problems + 1;
        }
        JsonElement ours = specs.get(name);
        if (ours == null) {
            line(out, false, "kernelspec", "'" + name + "' is not installed (found: " + String.join(", ", specs.keySet())
                    + "); run: bin/vladapter kernel install --user");
            return problems + 1;
        }
        String dir = ours.getAsJsonObject().get("resource_dir").getAsString();
        problems += line(out, true, "kernelspec", name + " in " + dir);
        Path launcher = Path.of(dir, "launch.sh");
        problems += line(out, Files.isRegularFile(launcher), "launcher", launcher.toString());
        JsonObject spec = ours.getAsJsonObject().getAsJsonObject("spec");
        JsonObject meta = spec.has("metadata") ? spec.getAsJsonObject("metadata") : new JsonObject();
        if (meta.has("vladapter")) {
            String cp = meta.getAsJsonObject("vladapter").get("classpath").getAsString();
            boolean ok = java.util.Arrays.stream(cp.split(java.io.File.pathSeparator)).allMatch(p -> Files.exists(Path.of(p)));
            problems += line(out, ok, "kernel jar", cp + (ok ? "" : " is missing: rebuild and install again"));
        }
        String env = System.getenv("VLADAPTER_JAR");
        if (env != null) {
            line(out, true, "note", "VLADAPTER_JAR=" + env + " overrides the installed jar");
        }
        for (Map.Entry<String, JsonElement> e : specs.entrySet()) {
            String lang = e.getValue().getAsJsonObject().getAsJsonObject("spec").get("language").getAsString();
            if (!e.getKey().equals(name) && lang.equalsIgnoreCase("java")) {
                line(out, true, "other", "also installed: Java kernel '" + e.getKey() + "'");
            }
        }
        out.println(problems == 0 ? "all good" : problems + " problem(s)");
        out.flush();
        return problems;
    }

    private static int line(PrintWriter out, boolean ok, String what, String detail) {
        out.printf("%-5s %-11s %s%n", ok ? "ok" : "FAIL", what, detail);
        return ok ? 0 : 1;
    }
}
