package org.vladapter.shapes;

/** How a video object moves per frame. */
public enum Direction {
    /** towards smaller x */
    LEFT(-1, 0, "left"),
    /** towards larger x */
    RIGHT(1, 0, "right"),
    /** towards the top */
    UP(0, -1, "up"),
    /** towards the bottom */
    DOWN(0, 1, "down"),
    /** does not move */
    STILL(0, 0, "nowhere");

    private final int dx;
    private final int dy;
    private final String word;

    Direction(int dx, int dy, String word) {
        this.dx = dx;
        this.dy = dy;
        this.word = word;
    }

    /** @return column step sign */
    public int dx() {
        return dx;
    }

    /** @return row step sign */
    public int dy() {
        return dy;
    }

    /** @return {@code "left"}, ..., {@code "nowhere"} */
    public String word() {
        return word;
    }
}
