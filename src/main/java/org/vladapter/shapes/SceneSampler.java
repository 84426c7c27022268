package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Samples scenes: {@code minObjects..maxObjects} objects of random shape, colour and size at random places that
 * do not overlap, inside the image with a margin.
 */
public final class SceneSampler {

    /** Image side in pixels. */
    public static final int IMAGE_SIZE = 112;

    private final int minObjects;
    private final int maxObjects;

    /**
     * @param minObjects fewest objects in a scene
     * @param maxObjects most objects in a scene
     */
    public SceneSampler(int minObjects, int maxObjects) {
        if (minObjects < 1 || maxObjects < minObjects) {
            throw new IllegalArgumentException("need 1 <= minObjects <= maxObjects, got " + minObjects + ", " + maxObjects);
        }
        this.minObjects = minObjects;
        this.maxObjects = maxObjects;
    }

    /**
     * @param id the image id
     * @param random the item's random stream
     * @return a scene
     */
    public Scene sample(String id, Random random) {
        int n = minObjects + random.nextInt(maxObjects - minObjects + 1);
        List<SceneObject> objects = new ArrayList<>();
        while (objects.size() < n) {
            SceneObject o = randomObject(random);
            SceneObject placed = place(o, objects, random);
            if (placed == null) {
                break; // crowded: keep what fits
            }
            objects.add(placed);
        }
        return new Scene(id, List.copyOf(objects), random.nextLong());
    }

    static SceneObject randomObject(Random random) {
        ShapeKind shape = ShapeKind.values()[random.nextInt(ShapeKind.values().length)];
        Colour colour = Colour.values()[random.nextInt(Colour.values().length)];
        boolean large = random.nextBoolean();
        return new SceneObject(shape, colour, large, 0, 0, random.nextInt(25) - 12);
    }

    /** Places an object where it overlaps nothing (up to 200 tries); {@code null} when it does not fit. */
    static SceneObject place(SceneObject o, List<SceneObject> others, Random random) {
        int r = o.radius();
        for (int attempt = 0; attempt < 200; attempt++) {
            int x = r + 2 + random.nextInt(IMAGE_SIZE - 2 * r - 4);
            int y = r + 2 + random.nextInt(IMAGE_SIZE - 2 * r - 4);
            SceneObject c = o.at(x, y);
            if (fits(c, others)) {
                return c;
            }
        }
        return null;
    }

    static boolean fits(SceneObject c, List<SceneObject> others) {
        for (SceneObject p : others) {
            int gap = c.radius() + p.radius() + 4;
            if (c.distance2(p) < gap * gap) {
                return false;
            }
        }
        return true;
    }
}
