package org.vladapter.shapes.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.vladapter.shapes.ImageEncoder;
import org.vladapter.shapes.SceneRenderer;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The frozen mini-CLIP as an {@link ImageEncoder}: rendered images in, (49, D) grids out. Close it. */
public final class ClipEncoder implements ImageEncoder, AutoCloseable {

    private final NDManager manager;
    private final MiniClip model;

    private ClipEncoder(NDManager manager, MiniClip model) {
        this.manager = manager;
        this.model = model;
    }

    /**
     * @param checkpoint the mini-CLIP folder
     * @return the encoder
     */
    public static ClipEncoder load(Path checkpoint) {
        NDManager m = NDManager.newBaseManager();
        try {
            return new ClipEncoder(m, ClipCheckpoint.load(checkpoint, m));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    static ClipEncoder of(NDManager manager, MiniClip model) {
        return new ClipEncoder(manager, model);
    }

    /** @return the model */
    public MiniClip model() {
        return model;
    }

    @Override
    public int dim() {
        return model.config().dim();
    }

    @Override
    public int cells() {
        return MiniClipConfig.GRID * MiniClipConfig.GRID;
    }

    @Override
    public List<float[][]> encode(List<BufferedImage> images) {
        List<float[][]> out = new ArrayList<>();
        try (NDManager batch = manager.newSubManager()) {
            NDArray grid = model.grid(images(batch, images));
            float[] flat = grid.toFloatArray();
            int cells = cells();
            int d = dim();
            for (int b = 0; b < images.size(); b++) {
                float[][] g = new float[cells][d];
                for (int c = 0; c < cells; c++) {
                    System.arraycopy(flat, (b * cells + c) * d, g[c], 0, d);
                }
                out.add(g);
            }
        }
        return out;
    }

    static NDArray images(NDManager manager, List<BufferedImage> images) {
        int s = MiniClipConfig.IMAGE_SIZE;
        float[] all = new float[images.size() * 3 * s * s];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(SceneRenderer.toChw(images.get(i)), 0, all, i * 3 * s * s, 3 * s * s);
        }
        return manager.create(all, new Shape(images.size(), 3, s, s));
    }

    @Override
    public void close() {
        manager.close();
    }
}
