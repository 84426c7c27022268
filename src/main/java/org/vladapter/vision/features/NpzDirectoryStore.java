package org.vladapter.vision.features;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Video features of the VALUE release: one {@code <dir>/<vid_name>.npz} per clip with the array {@code
 * features} (L, 512), float32 or float16. Each read opens its file; the store is thread-safe.
 */
public final class NpzDirectoryStore implements FeatureStore {

    /** The array name inside each archive. */
    public static final String ARRAY = "features";

    private final Path directory;
    private final FeatureShape expected;

    /**
     * @param directory the folder of {@code <vid_name>.npz} files (e.g. {@code video/vis_features/tv/clip-vit})
     * @param expected the shape every feature matrix must have (usually {@link FeatureShape#CLIP_VIT_FRAMES})
     */
    public NpzDirectoryStore(Path directory, FeatureShape expected) {
        this.directory = directory;
        this.expected = expected;
    }

    /**
     * @param id the video id
     * @return the archive that holds its features
     */
    public Path fileOf(String id) {
        if (id.isEmpty() || id.contains("/") || id.contains("\\") || id.equals("..")) {
            throw new FeatureStoreException("invalid feature id '" + id + "' for directory " + directory);
        }
        return directory.resolve(id + ".npz");
    }

    @Override
    public float[][] features(String id) {
        Path file = fileOf(id);
        if (!Files.isRegularFile(file)) {
            throw new FeatureStoreException(
                    "no features for id '" + id + "': file " + file.getFileName() + " not found in directory "
                            + directory);
        }
        NpyArray array = Npy.readNpz(file, ARRAY);
        expected.check(array.shape(), id, file);
        return array.toRows();
    }

    @Override
    public boolean contains(String id) {
        return Files.isRegularFile(fileOf(id));
    }

    @Override
    public String describe() {
        return "directory of <id>.npz files " + directory;
    }
}
