package org.vladapter.vision.features;

import java.nio.file.Path;

/**
 * The shape a store expects of every feature matrix: {@code rows x columns}, where {@link #ANY} accepts any
 * count (video clips have a varying number of frames).
 *
 * @param rows expected number of tokens, or {@link #ANY}
 * @param columns expected feature width, or {@link #ANY}
 */
public record FeatureShape(int rows, int columns) {

    /** Accepts any size along an axis. */
    public static final int ANY = -1;

    /** CLIP RN101 layer-4 grid of one image: (49, 2048). */
    public static final FeatureShape CLIP_RN101_GRID = new FeatureShape(49, 2048);

    /** VALUE "clip-vit" frame features: (L, 512). */
    public static final FeatureShape CLIP_VIT_FRAMES = new FeatureShape(ANY, 512);

    /** No check at all. */
    public static final FeatureShape UNCHECKED = new FeatureShape(ANY, ANY);

    /**
     * @param found the shape read ({@code [rows, columns]}, any rank)
     * @param id the feature id
     * @param source the file it was read from
     * @throws FeatureStoreException with expected vs found shape and the file when they differ
     */
    public void check(int[] found, String id, Path source) {
        boolean ok = found.length == 2
                && (rows == ANY || found[0] == rows)
                && (columns == ANY || found[1] == columns);
        if (!ok) {
            throw new FeatureStoreException(
                    "features of '" + id + "' in " + source + " have shape " + java.util.Arrays.toString(found)
                            + ", expected " + this);
        }
    }

    @Override
    public String toString() {
        return "[" + (rows == ANY ? "*" : rows) + ", " + (columns == ANY ? "*" : columns) + "]";
    }

    /**
     * @param rows a feature matrix
     * @param id the feature id
     * @param source the file it was read from
     * @throws FeatureStoreException naming the id, file and position of the first NaN or infinity
     */
    public static void checkFinite(float[][] rows, String id, Path source) {
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            for (int c = 0; c < row.length; c++) {
                if (!Float.isFinite(row[c])) {
                    throw new FeatureStoreException("features of '" + id + "' in " + source + " hold " + row[c]
                            + " at [" + r + ", " + c + "]; features must be finite");
                }
            }
        }
    }
}
