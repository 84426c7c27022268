package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes VQA-like questions about a scene: attribute (colour, shape, size), counting, existence and yes/no
 * questions, each with ten simulated annotator answers. Annotators mostly agree, as on VQA v2; some write numbers
 * as words ("two"), say "violet" for purple, or make the mistakes people make (a neighbouring count in 10 % of the
 * answers, orange for red in 5 %, a wrong yes/no in 3 %). Training samples its target by answer score, so every
 * point of disagreement is label noise in training: generator version 1 had about three times this much and the
 * models learnt the answer priors, not the image.
 * Existence questions are balanced between yes and no, so the answer is not guessable from the text.
 */
final class VqaQuestions {

    /**
     * Questions asked about each image (fewer when a scene has not that many distinct ones). Generator version 3
     * asked 3 (3,000 training questions): too few for any learner to tie the question's words to the grid, even
     * with perfect object features (measured with {@code shapes baseline}: a question-conditioned probe on the true
     * objects scored 52.6 against a 50.4 text prior; on four times the data, 63.9 against 46.8).
     */
    static final int PER_IMAGE = 10;

    private VqaQuestions() {}

    static List<VqaQuestion> forScene(Scene scene, long imageNumber, int count, Random random) {
        List<VqaQuestion> out = new ArrayList<>();
        int tries = 0;
        while (out.size() < count && tries++ < 50) {
            VqaQuestion q = one(scene, imageNumber * 1000 + out.size(), random);
            if (q != null && out.stream().noneMatch(p -> p.question().equals(q.question()))) {
                out.add(q);
            }
        }
        return out;
    }

    private static VqaQuestion one(Scene scene, long id, Random random) {
        List<SceneObject> objects = scene.objects();
        int kind = random.nextInt(6);
        switch (kind) {
            case 0: { // colour of a unique shape
                SceneObject o = Words.pick(objects, random);
                if (scene.count(p -> p.shape() == o.shape()) != 1) {
                    return null;
                }
                return make(id, scene, "what color is the " + o.shape().word() + "?", "what color is the", "other",
                        colourAnswers(o.colour(), random));
            }
            case 1: { // shape of a unique colour
                SceneObject o = Words.pick(objects, random);
                if (scene.count(p -> p.colour() == o.colour()) != 1) {
                    return null;
                }
                return make(id, scene, "what shape is the " + o.colour().word() + " object?", "what shape is the",
                        "other", shapeAnswers(o.shape(), random));
            }
            case 2: { // counting
                Attribute a = Attribute.random(random);
                if (a.colour() != null && a.shape() != null && random.nextBoolean()) {
                    a = new Attribute(a.colour(), null);
                }
                int n = scene.count(a);
                return make(id, scene, "how many " + a.plural() + " are there?", "how many", "number",
                        numberAnswers(n, random));
            }
            case 3: case 4: { // existence, balanced
                boolean yes = random.nextBoolean();
                SceneObject o = Words.pick(objects, random);
                Colour c = o.colour();
                ShapeKind s = o.shape();
                if (!yes) {
                    for (int t = 0; t < 20 && scene.count(new Attribute(c, s)) > 0; t++) {
                        if (random.nextBoolean()) {
                            c = Colour.values()[random.nextInt(Colour.values().length)];
                        } else {
                            s = ShapeKind.values()[random.nextInt(ShapeKind.values().length)];
                        }
                    }
                }
                boolean truth = scene.count(new Attribute(c, s)) > 0;
                return make(id, scene, "is there " + Words.article(c.word()) + " " + c.word() + " " + s.word() + "?",
                        "is there a", "yes/no", yesNoAnswers(truth, random));
            }
            default: { // size of a uniquely named object
                SceneObject o = Words.pick(objects, random);
                if (!scene.nameIsUnique(o)) {
                    return null;
                }
                boolean askLarge = random.nextBoolean();
                return make(id, scene, "is the " + o.name() + (askLarge ? " large?" : " small?"), "is the", "yes/no",
                        yesNoAnswers(askLarge == o.large(), random));
            }
        }
    }

    private static VqaQuestion make(long id, Scene scene, String q, String qtype, String atype, List<String> answers) {
        return new VqaQuestion(id, scene.id(), Words.capitalise(q), qtype, atype, answers);
    }

    private static List<String> colourAnswers(Colour c, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double u = random.nextDouble();
            if (u < 0.93) {
                out.add(c.words().size() > 1 && random.nextDouble() < 0.2 ? c.words().get(1) : c.word());
            } else if (u < 0.98) {
                out.add(c.confusedWith().word());
            } else {
                out.add(Colour.values()[random.nextInt(Colour.values().length)].word());
            }
        }
        return out;
    }

    private static List<String> shapeAnswers(ShapeKind s, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double u = random.nextDouble();
            if (u < 0.9) {
                out.add(s.word());
            } else if (u < 0.97) {
                out.add(s.synonyms().get(1));
            } else {
                out.add(ShapeKind.values()[random.nextInt(ShapeKind.values().length)].word());
            }
        }
        return out;
    }

    private static List<String> numberAnswers(int n, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double u = random.nextDouble();
            int v = n;
            if (u > 0.9) {
                v = Math.max(0, n + (random.nextBoolean() ? 1 : -1));
            }
            out.add(random.nextDouble() < 0.3 ? Words.number(v) : Integer.toString(v));
        }
        return out;
    }

    private static List<String> yesNoAnswers(boolean yes, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean flip = random.nextDouble() < 0.03;
            out.add(yes != flip ? "yes" : "no");
        }
        return out;
    }
}
