package org.vladapter.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled strip of a model input sequence: one box per position, grouped into coloured segments (for
 * VL-Adapter's joint encoder input: prompt vectors, text tokens, visual tokens), each segment named under
 * its boxes with its length. Long segments show their first and last positions around an ellipsis box so
 * the strip stays readable; the count under the segment is always the full length.
 *
 * <pre>{@code
 * BufferedImage strip = InputStrip.builder()
 *         .segment("text", tokenizer.tokens("vqa: what colour is the circle?"))
 *         .segment("visual", InputStrip.numbered("v", 36))
 *         .build().image();
 * }</pre>
 */
public final class InputStrip {

    /**
     * One segment of the sequence.
     *
     * @param label the segment's name, e.g. {@code text}
     * @param tokens the label of each position
     */
    public record Segment(String label, List<String> tokens) {
        /** Copies the tokens. */
        public Segment {
            tokens = List.copyOf(tokens);
        }
    }

    private static final Color[] PALETTE = {
        new Color(0xfd, 0xe0, 0xb2), new Color(0xc6, 0xdb, 0xef), new Color(0xc7, 0xe9, 0xc0), new Color(0xe5, 0xd0, 0xf0)
    };

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final List<Segment> segments;
    private final int maxShown;

    private InputStrip(List<Segment> segments, int maxShown) {
        this.segments = List.copyOf(segments);
        this.maxShown = maxShown;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param prefix a label prefix, e.g. {@code v}
     * @param count how many
     * @return {@code prefix0 … prefix(count-1)}
     */
    public static List<String> numbered(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** @return the segments, in order */
    public List<Segment> segments() {
        return segments;
    }

    /** @return the total number of positions */
    public int length() {
        return segments.stream().mapToInt(s -> s.tokens().size()).sum();
    }

    /**
     * The labels drawn for a segment: all of them when there are at most the maximum, else the first and
     * last halves of the maximum around {@code …}.
     *
     * @param segment a segment
     * @return the box labels
     */
    List<String> shown(Segment segment) {
        List<String> t = segment.tokens();
        if (t.size() <= maxShown) {
            return t;
        }
        int head = (maxShown + 1) / 2;
        int tail = maxShown - head;
        List<String> out = new ArrayList<>(t.subList(0, head));
        out.add("…");
        out.addAll(t.subList(t.size() - tail, t.size()));
        return out;
    }

    /** @return the strip drawn on a white background */
    public BufferedImage image() {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font labelFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int pad = 6;
        int boxH = 28;
        int gap = 10;
        List<int[]> widths = new ArrayList<>();
        int total = pad;
        for (Segment s : segments) {
            List<String> shown = shown(s);
            int[] w = new int[shown.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(22, fm.stringWidth(shown.get(i)) + 8);
                total += w[i];
            }
            total += gap;
            widths.add(w);
        }
        pg.dispose();
        int width = Math.max(total + pad, 200);
        int height = boxH + 52;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = pad;
        int y = 10;
        for (int si = 0; si < segments.size(); si++) {
            Segment s = segments.get(si);
            List<String> shown = shown(s);
            int[] w = widths.get(si);
            int start = x;
            for (int i = 0; i < shown.size(); i++) {
                g.setColor(PALETTE[si % PALETTE.length]);
                g.fillRect(x, y, w[i], boxH);
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(1f));
                g.drawRect(x, y, w[i], boxH);
                g.setColor(Color.BLACK);
                g.setFont(font);
                g.drawString(shown.get(i), x + (w[i] - g.getFontMetrics().stringWidth(shown.get(i))) / 2, y + 18);
                x += w[i];
            }
            g.setColor(Color.DARK_GRAY);
            g.drawLine(start, y + boxH + 6, x, y + boxH + 6);
            g.setFont(labelFont);
            String label = s.label() + " (" + s.tokens().size() + ")";
            g.drawString(label, start + Math.max(0, (x - start - g.getFontMetrics().stringWidth(label)) / 2), y + boxH + 24);
            x += gap;
        }
        g.dispose();
        return img;
    }

    /** Builder of {@link InputStrip}. */
    public static final class Builder {
        private final List<Segment> segments = new ArrayList<>();
        private int maxShown = 12;

        private Builder() {}

        /**
         * @param label the segment's name
         * @param tokens the label of each position; an empty segment is left out
         * @return this
         */
        public Builder segment(String label, List<String> tokens) {
            if (!tokens.isEmpty()) {
                segments.add(new Segment(label, tokens));
            }
            return this;
        }

        /**
         * @param max boxes drawn per segment before the middle is elided (default 12, at least 3)
         * @return this
         */
        public Builder maxShown(int max) {
            if (max < 3) {
                throw new IllegalArgumentException("maxShown must be at least 3, got " + max);
            }
            this.maxShown = max;
            return this;
        }

        /** @return the strip */
        public InputStrip build() {
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("an input strip needs at least one non-empty segment");
            }
            return new InputStrip(segments, maxShown);
        }
    }
}
