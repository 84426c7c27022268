package org.vladapter.vision.features;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder with one feature file per id ({@code <dir>/<id>.<extension>}): resolves and checks the file, and
 * leaves reading it to the subclass. Each read opens and closes its file, so stores are thread-safe and hold
 * no file handles.
 */
abstract class PerFileStore implements FeatureStore {

    private final Path directory;
    private final String extension;
    /** The shape every feature matrix must have. */
    protected final FeatureShape expected;

    PerFileStore(Path directory, String extension, FeatureShape expected) {
        this.directory = directory;
        this.extension = extension;
        this.expected = expected;
    }

    /**
     * @param id the image or video id
     * @return the file that holds its features
     */
    public Path fileOf(String id) {
        if (id.isEmpty() || id.contains("/") || id.contains("\\") || id.equals("..")) {
            throw new FeatureStoreException("invalid feature id '" + id + "' for directory " + directory);
        }
        return directory.resolve(id + "." + extension);
    }

    @Override
    public float[][] features(String id) {
        Path file = fileOf(id);
        if (!Files.isRegularFile(file)) {
            throw new FeatureStoreException(
                    "no features for id '" + id + "': file " + file.getFileName() + " not found in directory "
                            + directory);
        }
        return read(id, file);
    }

    /**
     * @param id the id
     * @param file its existing file
     * @return the feature matrix, checked against {@link #expected}
     */
    protected abstract float[][] read(String id, Path file);

    /**
     * @param id the id
     * @param file its existing file
     * @return the shape of its feature matrix, read from the file's header only
     */
    protected abstract int[] headerShape(String id, Path file);

    @Override
    public void checkShape(String id) {
        Path file = fileOf(id);
        expected.check(headerShape(id, file), id, file);
    }

    @Override
    public boolean contains(String id) {
        return Files.isRegularFile(fileOf(id));
    }

    @Override
    public String describe() {
        return "directory of <id>." + extension + " files " + directory;
    }

    /** @return the folder */
    public Path directory() {
        return directory;
    }
}
