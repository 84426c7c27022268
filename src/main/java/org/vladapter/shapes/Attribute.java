package org.vladapter.shapes;

import java.util.Random;
import java.util.function.Predicate;

/**
 * An object description used in questions: a colour, a shape, both, or any object, with its plural phrase
 * ({@code "red objects"}, {@code "circles"}, {@code "red circles"}, {@code "objects"}).
 *
 * @param colour the colour or {@code null}
 * @param shape the shape or {@code null}
 */
record Attribute(Colour colour, ShapeKind shape) implements Predicate<SceneObject> {

    static Attribute random(Random random) {
        int kind = random.nextInt(4);
        Colour c = Colour.values()[random.nextInt(Colour.values().length)];
        ShapeKind s = ShapeKind.values()[random.nextInt(ShapeKind.values().length)];
        return switch (kind) {
            case 0 -> new Attribute(c, null);
            case 1 -> new Attribute(null, s);
            case 2 -> new Attribute(c, s);
            default -> new Attribute(null, null);
        };
    }

    @Override
    public boolean test(SceneObject o) {
        return (colour == null || o.colour() == colour) && (shape == null || o.shape() == shape);
    }

    String plural() {
        String noun = shape == null ? "objects" : shape.plural();
        return colour == null ? noun : colour.word() + " " + noun;
    }

    String singular() {
        String noun = shape == null ? "object" : shape.word();
        return colour == null ? noun : colour.word() + " " + noun;
    }
}
