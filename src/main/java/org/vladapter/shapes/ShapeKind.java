package org.vladapter.shapes;

import java.util.List;

/**
 * The five shapes of ShapesWorld and the exact inside-test that rasterises each. The test is evaluated at pixel
 * centres with {@code double} arithmetic (IEEE, identical on every JVM), so a scene renders to the same pixels
 * everywhere.
 */
public enum ShapeKind {
    /** a disc */
    CIRCLE("circle", "circles", List.of("circle", "disc", "round shape")),
    /** an axis-aligned square */
    SQUARE("square", "squares", List.of("square", "box", "block")),
    /** an upward-pointing triangle */
    TRIANGLE("triangle", "triangles", List.of("triangle", "triangle", "pyramid shape")),
    /** a square turned by 45 degrees */
    DIAMOND("diamond", "diamonds", List.of("diamond", "rhombus", "diamond shape")),
    /** a plus sign */
    CROSS("cross", "crosses", List.of("cross", "plus sign", "plus shape"));

    private final String word;
    private final String plural;
    private final List<String> synonyms;

    ShapeKind(String word, String plural, List<String> synonyms) {
        this.word = word;
        this.plural = plural;
        this.synonyms = synonyms;
    }

    /** @return the canonical word ({@code "circle"}) */
    public String word() {
        return word;
    }

    /** @return the plural ({@code "circles"}) */
    public String plural() {
        return plural;
    }

    /** @return words used for this shape in captions, canonical first */
    public List<String> synonyms() {
        return synonyms;
    }

    /**
     * @param dx horizontal offset of a pixel centre from the object's centre
     * @param dy vertical offset (down is positive)
     * @param r the object's radius in pixels
     * @return whether the pixel belongs to the shape
     */
    public boolean contains(double dx, double dy, double r) {
        double ax = Math.abs(dx);
        double ay = Math.abs(dy);
        return switch (this) {
            case CIRCLE -> dx * dx + dy * dy <= r * r;
            case SQUARE -> ax <= 0.85 * r && ay <= 0.85 * r;
            case TRIANGLE -> dy <= 0.8 * r && dy >= -r && ax <= (dy + r) * 0.6;
            case DIAMOND -> ax + ay <= 1.1 * r;
            case CROSS -> (ax <= r / 3 && ay <= r) || (ay <= r / 3 && ax <= r);
        };
    }
}
