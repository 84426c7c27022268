package org.vladapter.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of images with a few caption lines under each, as one image: scenes with their questions, or
 * predictions next to the images they are about. Images are scaled by an integer factor (nearest
 * neighbour, so small renderings stay crisp); caption lines longer than the cell are cut with {@code …}.
 */
public final class ImageGrid {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int PAD = 8;
    private static final int LINE = 16;

    private ImageGrid() {}

    /**
     * @param images the images, all drawn in cells of the largest one's size
     * @param captions caption lines per image (same count as images; an inner list may be empty)
     * @param columns images per row
     * @param scale integer scale factor, at least 1
     * @return the grid
     * @throws IllegalArgumentException when there are no images, the counts differ, or columns/scale are below 1
     */
    public static BufferedImage of(List<BufferedImage> images, List<List<String>> captions, int columns, int scale) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("an image grid needs at least one image");
        }
        if (captions.size() != images.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + captions.size() + " caption lists");
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("columns and scale must be at least 1, got " + columns + " and " + scale);
        }
        int cellW = 0;
        int cellH = 0;
        int lines = 0;
        for (int i = 0; i < images.size(); i++) {
            cellW = Math.max(cellW, images.get(i).getWidth() * scale);
            cellH = Math.max(cellH, images.get(i).getHeight() * scale);
            lines = Math.max(lines, captions.get(i).size());
        }
        cellW = Math.max(cellW, 160);
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int boxW = cellW + PAD;
        int boxH = cellH + lines * LINE + PAD + 4;
        BufferedImage out = new BufferedImage(cols * boxW + PAD, rows * boxH + PAD, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < images.size(); i++) {
            int x = PAD + (i % cols) * boxW;
            int y = PAD + (i / cols) * boxH;
            BufferedImage img = images.get(i);
            g.drawImage(img, x, y, img.getWidth() * scale, img.getHeight() * scale, null);
            g.setColor(Color.BLACK);
            int ty = y + cellH + LINE;
            for (String line : captions.get(i)) {
                g.drawString(fit(line, fm, cellW), x, ty);
                ty += LINE;
            }
        }
        g.dispose();
        return out;
    }

    /**
     * @param images the images
     * @param columns images per row
     * @param scale integer scale factor
     * @return the grid without captions
     */
    public static BufferedImage of(List<BufferedImage> images, int columns, int scale) {
        List<List<String>> none = new ArrayList<>();
        images.forEach(i -> none.add(List.of()));
        return of(images, none, columns, scale);
    }

    static String fit(String line, FontMetrics fm, int width) {
        if (fm.stringWidth(line) <= width) {
            return line;
        }
        String s = line;
        while (!s.isEmpty() && fm.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
