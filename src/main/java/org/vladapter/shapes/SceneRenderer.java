package org.vladapter.shapes;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * Renders scenes and video frames into Java2D {@link BufferedImage}s (RGB, {@link SceneSampler#IMAGE_SIZE}
 * pixels square): a light background with per-pixel noise, then each object filled by its shape's exact
 * inside-test ({@link ShapeKind#contains}) with its shaded colour. Graphics2D's rasteriser is deliberately not
 * used for the shapes: its pixel coverage may change between JDK versions, and the benchmark promises the same
 * pixels (hence the same files) for a seed on every machine.
 */
public final class SceneRenderer {

    private SceneRenderer() {}

    /**
     * @param scene a scene
     * @return its image
     */
    public static BufferedImage render(Scene scene) {
        return render(scene.objects(), scene.noiseSeed());
    }

    /**
     * @param objects the objects to draw, in order
     * @param noiseSeed the background noise seed
     * @return the image
     */
    public static BufferedImage render(List<SceneObject> objects, long noiseSeed) {
        int size = SceneSampler.IMAGE_SIZE;
        int[] pixels = new int[size * size];
        Random noise = new Random(noiseSeed);
        int base = 225 + noise.nextInt(21);
        for (int i = 0; i < pixels.length; i++) {
            int v = clamp(base + noise.nextInt(17) - 8);
            pixels[i] = (v << 16) | (v << 8) | v;
        }
        for (SceneObject o : objects) {
            int rgb = shade(o.colour().rgb(), o.tint());
            int r = o.radius();
            for (int y = Math.max(0, o.y() - r - 1); y <= Math.min(size - 1, o.y() + r + 1); y++) {
                for (int x = Math.max(0, o.x() - r - 1); x <= Math.min(size - 1, o.x() + r + 1); x++) {
                    if (o.shape().contains(x + 0.5 - o.x(), y + 0.5 - o.y(), r)) {
                        pixels[y * size + x] = rgb;
                    }
                }
            }
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, size, size, pixels, 0, size);
        return image;
    }

    /**
     * @param image an RGB image
     * @return its pixels as float CHW in [0, 1], row-major, the mini-CLIP's input layout
     */
    public static float[] toChw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * w * h];
        for (int i = 0; i < px.length; i++) {
            out[i] = ((px[i] >> 16) & 0xff) / 255f;
            out[w * h + i] = ((px[i] >> 8) & 0xff) / 255f;
            out[2 * w * h + i] = (px[i] & 0xff) / 255f;
        }
        return out;
    }

    private static int shade(int rgb, int tint) {
        int r = clamp(((rgb >> 16) & 0xff) + tint);
        int g = clamp(((rgb >> 8) & 0xff) + tint);
        int b = clamp((rgb & 0xff) + tint);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
