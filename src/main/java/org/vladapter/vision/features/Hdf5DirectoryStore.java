package org.vladapter.vision.features;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The VL-Adapter release layout: one file {@code <dir>/<id>.h5} per image holding the dataset {@code
 * <id>/features} (49, 2048) float16, read as float32. Each read opens and closes its file, so the store
 * is thread-safe and holds no file handles.
 */
public final class Hdf5DirectoryStore implements FeatureStore {

    private final Path directory;
    private final FeatureShape expected;

    /**
     * @param directory the folder of {@code <id>.h5} files (e.g. {@code COCO/clip_features/data_clip_RN101_att})
     * @param expected the shape every feature matrix must have
     */
    public Hdf5DirectoryStore(Path directory, FeatureShape expected) {
        this.directory = directory;
        this.expected = expected;
    }

    /**
     * @param id the image id
     * @return the file that holds its features
     */
    public Path fileOf(String id) {
        if (id.isEmpty() || id.contains("/") || id.contains("\\") || id.equals("..")) {
            throw new FeatureStoreException("invalid feature id '" + id + "' for directory " + directory);
        }
        return directory.resolve(id + ".h5");
    }

    @Override
    public float[][] features(String id) {
        Path file = fileOf(id);
        if (!Files.isRegularFile(file)) {
            throw new FeatureStoreException(
                    "no features for id '" + id + "': file " + file.getFileName() + " not found in directory "
                            + directory);
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return Hdf5Features.read(hdf, id, file, expected);
        } catch (HdfException e) {
            throw new FeatureStoreException("cannot read features of '" + id + "' from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(String id) {
        return Files.isRegularFile(fileOf(id));
    }

    @Override
    public String describe() {
        return "directory of <id>.h5 files " + directory;
    }

    /** @return the folder */
    public Path directory() {
        return directory;
    }
}
