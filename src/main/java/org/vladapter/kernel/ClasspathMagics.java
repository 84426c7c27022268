package org.vladapter.kernel;

import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line magics JJava and IJava share: {@code %classpath A:B:dir/*.jar} and {@code %jars a.jar lib/*.jar}
 * (globs, paths relative to the notebook's folder), plus {@code %maven}, which this kernel refuses with a message
 * saying what to do instead (it resolves nothing from the network).
 */
final class ClasspathMagics {

    private ClasspathMagics() {}

    static void register(MagicsRegistry magics, boolean plain) {
        magics.registerLineMagic("classpath", (VlKernel k, List<String> args) -> {
            List<String> entries = new ArrayList<>();
            for (String a : args) {
                for (String e : a.split(File.pathSeparator)) {
                    if (!e.isBlank()) {
                        entries.add(e);
                    }
                }
            }
            k.addToClasspath(resolve("classpath", entries));
            return null;
        });
        magics.registerLineMagic("jars", (VlKernel k, List<String> args) -> {
            k.addToClasspath(resolve("jars", args));
            return null;
        });
        if (!plain) {
            magics.registerLineMagic("maven", (VlKernel k, List<String> args) -> {
                throw new IllegalArgumentException("this kernel does not resolve Maven artifacts (it never downloads); "
                        + "put the jars on the class path with %jars PATH.jar or %classpath DIR/*, e.g. jars copied "
                        + "by `mvn dependency:copy-dependencies`");
            });
        }
    }

    /**
     * @param magic the magic's name, for messages
     * @param globs paths or globs
     * @return the matching files and folders
     * @throws IllegalArgumentException naming the first entry that matches nothing
     */
    static List<Path> resolve(String magic, List<String> globs) {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("%" + magic + " needs at least one path");
        }
        List<Path> out = new ArrayList<>();
        for (String g : globs) {
            List<Path> found = new ArrayList<>(PathsHandler.resolveGlobs(g));
            found.removeIf(p -> !Files.exists(p));
            if (found.isEmpty()) {
                throw new IllegalArgumentException("nothing matches '" + g + "' (relative to "
                        + Path.of("").toAbsolutePath() + ")" + (g.endsWith("vl-adapter.jar")
                        ? "; build the library jar first: ./bin/vladapter --version" : ""));
            }
            out.addAll(found);
        }
        return out;
    }
}
