package org.vladapter.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The library's one version string, read from {@code org/vladapter/vladapter-version.properties}, which the
 * build fills in from the project version (Maven resource filtering of {@code pom.xml}'s {@code <version>}).
 * It is what {@code run.json}, adapter checkpoints, reproduce results, the Jupyter kernel and
 * {@code vladapter --version} report; nothing else holds a version.
 */
public final class LibraryVersion {

    /** The properties resource the build fills in. */
    public static final String RESOURCE = "/org/vladapter/vladapter-version.properties";

    private static final String VERSION = read();

    private LibraryVersion() {}

    /** @return the version, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: build the library with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(RESOURCE + " has no filtered version (" + v + "): build the library with Maven");
            }
            return v.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
