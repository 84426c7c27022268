package org.vladapter.shapes;

/**
 * One object of a scene.
 *
 * @param shape its shape
 * @param colour its colour
 * @param large whether it is large (radius {@link #LARGE_RADIUS}) or small ({@link #SMALL_RADIUS})
 * @param x centre column in pixels
 * @param y centre row in pixels (0 at the top)
 * @param tint a per-object shade offset in [-12, 12] added to the colour's RGB channels
 */
public record SceneObject(ShapeKind shape, Colour colour, boolean large, int x, int y, int tint) {

    /** Radius of a small object in pixels (at the 112-pixel default image size). */
    public static final int SMALL_RADIUS = 7;
    /** Radius of a large object in pixels. */
    public static final int LARGE_RADIUS = 12;

    /** @return the radius in pixels */
    public int radius() {
        return large ? LARGE_RADIUS : SMALL_RADIUS;
    }

    /** @return {@code "small"} or {@code "large"} */
    public String sizeWord() {
        return large ? "large" : "small";
    }

    /** @return e.g. {@code "red circle"} */
    public String name() {
        return colour.word() + " " + shape.word();
    }

    /** @return e.g. {@code "large red circle"} */
    public String fullName() {
        return sizeWord() + " " + name();
    }

    /**
     * @param nx new centre column
     * @param ny new centre row
     * @return the same object at another place
     */
    public SceneObject at(int nx, int ny) {
        return new SceneObject(shape, colour, large, nx, ny, tint);
    }

    /**
     * @param other another object
     * @return squared distance between the centres
     */
    public int distance2(SceneObject other) {
        int dx = x - other.x;
        int dy = y - other.y;
        return dx * dx + dy * dy;
    }
}
