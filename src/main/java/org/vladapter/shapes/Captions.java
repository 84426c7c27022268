package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Writes five differently phrased reference captions per scene, as five COCO annotators would: the objects in
 * a different order (left to right, by size, at random), with or without sizes, with synonyms ("disc",
 * "big"), grouped counts ("two red objects") or positions ("on the left"), different openings, capitals and
 * final full stops.
 */
public final class Captions {

    private static final String[] OPENINGS = {"", "there is ", "an image of ", "a picture showing ", "we can see "};

    private Captions() {}

    /**
     * @param scene a scene
     * @param random the random stream that picks phrasings
     * @return five reference captions
     */
    public static List<String> forScene(Scene scene, Random random) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            String c = switch (k % 5) {
                case 0 -> listing(scene.objects(), Comparator.comparingInt(SceneObject::x), true, false, random);
                case 1 -> listing(scene.objects(), Comparator.comparingInt((SceneObject o) -> o.large() ? 0 : 1), random.nextBoolean(), true, random);
                case 2 -> counted(scene, random);
                case 3 -> positional(scene, random);
                default -> listing(shuffled(scene.objects(), random), (a, b) -> 0, false, random.nextBoolean(), random);
            };
            if (random.nextBoolean()) {
                c = Words.capitalise(c);
            }
            if (random.nextInt(3) == 0) {
                c = c + ".";
            }
            out.add(c);
        }
        return out;
    }

    private static List<SceneObject> shuffled(List<SceneObject> objects, Random random) {
        List<SceneObject> l = new ArrayList<>(objects);
        java.util.Collections.shuffle(l, random);
        return l;
    }

    private static String phrase(SceneObject o, boolean size, boolean synonyms, Random random) {
        String shape = synonyms ? Words.pick(o.shape().synonyms(), random) : o.shape().word();
        String sz = "";
        if (size) {
            sz = (o.large() ? Words.pick(new String[] {"large", "big"}, random) : Words.pick(new String[] {"small", "little", "tiny"}, random)) + " ";
        }
        String p = sz + o.colour().word() + " " + shape;
        return Words.article(p) + " " + p;
    }

    private static String listing(List<SceneObject> objects, Comparator<SceneObject> order, boolean size, boolean synonyms, Random random) {
        List<SceneObject> sorted = new ArrayList<>(objects);
        sorted.sort(order);
        List<String> parts = sorted.stream().map(o -> phrase(o, size, synonyms, random)).toList();
        return Words.pick(OPENINGS, random) + Words.list(parts);
    }

    private static String counted(Scene scene, Random random) {
        int n = scene.objects().size();
        String head = Words.number(n) + (n == 1 ? " shape" : " shapes") + " : ";
        List<String> parts = new ArrayList<>();
        for (Colour c : Colour.values()) {
            List<SceneObject> of = scene.objects().stream().filter(o -> o.colour() == c).toList();
            if (of.size() == 1) {
                parts.add(phrase(of.get(0), false, false, random));
            } else if (of.size() > 1) {
                List<String> shapes = of.stream().map(o -> Words.article(o.shape().word()) + " " + o.shape().word()).toList();
                parts.add(Words.number(of.size()) + " " + c.word() + " ones , " + Words.list(shapes));
            }
        }
        return head + Words.list(parts);
    }

    private static String positional(Scene scene, Random random) {
        List<String> parts = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            String where;
            if (o.x() < 40) {
                where = o.y() < 40 ? "in the top left" : o.y() > 72 ? "in the bottom left" : "on the left";
            } else if (o.x() > 72) {
                where = o.y() < 40 ? "in the top right" : o.y() > 72 ? "in the bottom right" : "on the right";
            } else {
                where = o.y() < 40 ? "at the top" : o.y() > 72 ? "at the bottom" : "in the middle";
            }
            parts.add(phrase(o, random.nextInt(3) == 0, random.nextBoolean(), random) + " " + where);
        }
        return Words.list(parts);
    }
}
