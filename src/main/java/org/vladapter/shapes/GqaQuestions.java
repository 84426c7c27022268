package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Writes GQA-like questions that need relations between objects: the colour of the object nearest another, left
 * of / above comparisons, the leftmost / topmost object, the shape sharing another object's colour, and colour
 * comparisons between two objects named by their shape (their colours must not be in the question). Objects
 * are otherwise named by colour and shape, only when that name is unique in the scene, and spatial questions are asked only when the relation is clear (centres at least 8 pixels apart on
 * the axis, or a clearly nearest object).
 */
final class GqaQuestions {

    private static final int CLEAR = 8;

    private GqaQuestions() {}

    static List<GqaQuestion> forScene(Scene scene, long firstId, int count, Random random) {
        List<GqaQuestion> out = new ArrayList<>();
        int tries = 0;
        while (out.size() < count && tries++ < 60) {
            GqaQuestion q = one(scene, String.format("%08d", firstId + out.size()), random);
            if (q != null && out.stream().noneMatch(p -> p.question().equals(q.question()))) {
                out.add(q);
            }
        }
        return out;
    }

    private static GqaQuestion one(Scene scene, String id, Random random) {
        List<SceneObject> named = scene.objects().stream().filter(scene::nameIsUnique).toList();
        if (named.isEmpty()) {
            return null;
        }
        SceneObject a = Words.pick(named, random);
        int kind = random.nextInt(6);
        switch (kind) {
            case 0: { // nearest object's colour / shape
                List<SceneObject> others = new ArrayList<>(scene.objects());
                others.remove(a);
                if (others.isEmpty()) {
                    return null;
                }
                others.sort(Comparator.comparingInt(a::distance2));
                if (others.size() > 1 && Math.sqrt(others.get(1).distance2(a)) - Math.sqrt(others.get(0).distance2(a)) < CLEAR) {
                    return null;
                }
                SceneObject near = others.get(0);
                return random.nextBoolean()
                        ? q(id, scene, "what color is the object nearest to the " + a.name() + "?", near.colour().word(), "relate_color")
                        : q(id, scene, "what shape is nearest to the " + a.name() + "?", near.shape().word(), "relate_shape");
            }
            case 1: { // position comparison
                SceneObject b = Words.pick(named, random);
                if (b == a) {
                    return null;
                }
                boolean horizontal = random.nextBoolean();
                int d = horizontal ? b.x() - a.x() : b.y() - a.y();
                if (Math.abs(d) < CLEAR) {
                    return null;
                }
                boolean first = random.nextBoolean(); // left / above vs right / below
                String rel = horizontal ? (first ? "to the left of" : "to the right of") : (first ? "above" : "below");
                boolean truth = first ? d > 0 : d < 0;
                return q(id, scene, "is the " + a.name() + " " + rel + " the " + b.name() + "?", truth ? "yes" : "no",
                        "compare_position");
            }
            case 2: { // extreme position
                int axis = random.nextInt(4);
                String[] words = {"leftmost", "rightmost", "topmost", "bottommost"};
                Comparator<SceneObject> order = switch (axis) {
                    case 0 -> Comparator.comparingInt(SceneObject::x);
                    case 1 -> Comparator.comparingInt((SceneObject o) -> -o.x());
                    case 2 -> Comparator.comparingInt(SceneObject::y);
                    default -> Comparator.comparingInt((SceneObject o) -> -o.y());
                };
                List<SceneObject> sorted = new ArrayList<>(scene.objects());
                sorted.sort(order);
                if (sorted.size() < 2) {
                    return null;
                }
                int gap = axis < 2 ? Math.abs(sorted.get(0).x() - sorted.get(1).x()) : Math.abs(sorted.get(0).y() - sorted.get(1).y());
                if (gap < CLEAR) {
                    return null;
                }
                SceneObject e = sorted.get(0);
                return random.nextBoolean()
                        ? q(id, scene, "what color is the " + words[axis] + " object?", e.colour().word(), "extreme_color")
                        : q(id, scene, "what is the shape of the " + words[axis] + " object?", e.shape().word(), "extreme_shape");
            }
            case 3: { // same colour as
                List<SceneObject> same = scene.objects().stream().filter(o -> o != a && o.colour() == a.colour()).toList();
                if (same.size() > 1) {
                    return null;
                }
                if (same.isEmpty() && random.nextInt(3) != 0) {
                    return null; // keep "none" answers a minority
                }
                return q(id, scene, "which shape has the same color as the " + a.name() + "?",
                        same.isEmpty() ? "none" : same.get(0).shape().word(), "same_color");
            }
            case 4: { // colour comparison, the objects named by shape alone (a name with its colour gives the answer away)
                SceneObject b = Words.pick(scene.objects(), random);
                if (b == a || b.shape() == a.shape() || scene.count(o -> o.shape() == a.shape()) != 1
                        || scene.count(o -> o.shape() == b.shape()) != 1) {
                    return null;
                }
                if (a.colour() != b.colour() && random.nextInt(3) == 0) {
                    return null; // balance: different colours are more common
                }
                return q(id, scene, "are the " + a.shape().word() + " and the " + b.shape().word() + " the same color?",
                        a.colour() == b.colour() ? "yes" : "no", "compare_color");
            }
            default: { // size of the object left/right of a named one
                boolean left = random.nextBoolean();
                List<SceneObject> side = scene.objects().stream()
                        .filter(o -> o != a && (left ? o.x() < a.x() - CLEAR : o.x() > a.x() + CLEAR)).toList();
                if (side.size() != 1) {
                    return null;
                }
                SceneObject b = side.get(0);
                return q(id, scene, "what size is the object " + (left ? "to the left of" : "to the right of") + " the "
                        + a.name() + "?", b.sizeWord(), "relate_size");
            }
        }
    }

    private static GqaQuestion q(String id, Scene scene, String question, String answer, String structure) {
        return new GqaQuestion(id, scene.id(), Words.capitalise(question), answer, structure);
    }
}
