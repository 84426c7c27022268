package org.vladapter.shapes;

import java.awt.image.BufferedImage;
import java.util.List;

/** Turns images into grid features: the frozen mini-CLIP ({@code MiniClip}) implements it. */
public interface ImageEncoder {

    /** @return the feature dimension D */
    int dim();

    /** @return grid cells per image (49 for a 7x7 grid) */
    int cells();

    /**
     * @param images a batch of images
     * @return for each image its grid features [cells][D], row-major over the grid
     */
    List<float[][]> encode(List<BufferedImage> images);

    /**
     * @param grid grid features [cells][D]
     * @return their mean over the cells [D], the per-frame video feature
     */
    static float[] pool(float[][] grid) {
        float[] out = new float[grid[0].length];
        for (float[] row : grid) {
            for (int j = 0; j < out.length; j++) {
                out[j] += row[j];
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= grid.length;
        }
        return out;
    }
}
