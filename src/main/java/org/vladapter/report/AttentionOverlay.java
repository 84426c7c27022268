package org.vladapter.report;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws weights over a square grid of an image, e.g. how much an answer token's cross-attention puts on each
 * of the visual tokens (the 7×7 CLIP grid pooled to 6×6): each cell is tinted red with an opacity proportional to its weight (the largest
 * weight fully tinted at {@link #MAX_ALPHA}), and the grid lines are drawn so the cells are visible.
 */
public final class AttentionOverlay {

    /** Opacity of the cell with the largest weight. */
    public static final float MAX_ALPHA = 0.65f;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private AttentionOverlay() {}

    /**
     * @param image the image the grid lies over (not changed)
     * @param weights {@code side²} non-negative weights, row-major over the image (cell (r, c) at index
     *     {@code r·side + c})
     * @param scale the output is the image scaled by this integer factor (small images read better larger)
     * @param caption text drawn under the image, or {@code null}
     * @return a new image with the tinted grid
     * @throws IllegalArgumentException when the weights do not form a square grid or one is negative or not
     *     finite
     */
    public static BufferedImage draw(BufferedImage image, double[] weights, int scale, String caption) {
        int side = GridHeatmap.side(weights.length);
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        double max = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i] + "; weights must be finite and >= 0");
            }
            max = Math.max(max, weights[i]);
        }
        int w = image.getWidth() * scale;
        int h = image.getHeight() * scale;
        int captionH = caption == null ? 0 : 22;
        BufferedImage out = new BufferedImage(w, h + captionH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h + captionH);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, 0, 0, w, h, null);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int x0 = c * w / side;
                int x1 = (c + 1) * w / side;
                int y0 = r * h / side;
                int y1 = (r + 1) * h / side;
                float a = max == 0 ? 0f : (float) (MAX_ALPHA * weights[r * side + c] / max);
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, a));
                g.setColor(Color.RED);
                g.fillRect(x0, y0, x1 - x0, y1 - y0);
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
                g.setColor(Color.WHITE);
                g.drawRect(x0, y0, x1 - x0, y1 - y0);
            }
        }
        g.setComposite(AlphaComposite.SrcOver);
        if (caption != null) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(caption, 4, h + 16);
        }
        g.dispose();
        return out;
    }
}
