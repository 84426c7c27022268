package org.vladapter.vision.features;

import java.nio.file.Path;

/**
 * Video features of the VALUE release: one {@code <dir>/<vid_name>.npz} per clip with the array {@code
 * features} (L, 512), float32 or float16. Each read opens its file; the store is thread-safe.
 */
public final class NpzDirectoryStore extends PerFileStore {

    /** The array name inside each archive. */
    public static final String ARRAY = "features";

    /**
     * @param directory the folder of {@code <vid_name>.npz} files (e.g. {@code video/vis_features/tv/clip-vit})
     * @param expected the shape every feature matrix must have (usually {@link FeatureShape#CLIP_VIT_FRAMES})
     */
    public NpzDirectoryStore(Path directory, FeatureShape expected) {
        super(directory, "npz", expected);
    }

    @Override
    protected float[][] read(String id, Path file) {
        NpyArray array = Npy.readNpz(file, ARRAY);
        expected.check(array.shape(), id, file);
        return array.toRows();
    }

    @Override
    protected int[] headerShape(String id, Path file) {
        return Npy.npzShape(file, ARRAY);
    }
}
