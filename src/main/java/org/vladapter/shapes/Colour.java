package org.vladapter.shapes;

import java.util.List;

/** The six colours of ShapesWorld, with their base RGB values and the words annotators use for them. */
public enum Colour {
    /** red */
    RED(210, 40, 40, List.of("red")),
    /** green */
    GREEN(40, 160, 60, List.of("green")),
    /** blue */
    BLUE(40, 80, 215, List.of("blue")),
    /** yellow */
    YELLOW(225, 200, 30, List.of("yellow")),
    /** purple (annotators also say violet) */
    PURPLE(140, 55, 180, List.of("purple", "violet")),
    /** orange (close to yellow and red, which annotators confuse it with) */
    ORANGE(240, 130, 30, List.of("orange"));

    private final int red;
    private final int green;
    private final int blue;
    private final List<String> words;

    Colour(int red, int green, int blue, List<String> words) {
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.words = words;
    }

    /** @return the canonical word ({@code "red"}) */
    public String word() {
        return words.get(0);
    }

    /** @return every word for this colour, canonical first */
    public List<String> words() {
        return words;
    }

    /** @return the base RGB as {@code 0xRRGGBB} */
    public int rgb() {
        return (red << 16) | (green << 8) | blue;
    }

    /** @return the colour an annotator confuses this one with most often */
    public Colour confusedWith() {
        return switch (this) {
            case RED -> ORANGE;
            case ORANGE -> YELLOW;
            case YELLOW -> ORANGE;
            case PURPLE -> BLUE;
            case BLUE -> PURPLE;
            case GREEN -> BLUE;
        };
    }
}
