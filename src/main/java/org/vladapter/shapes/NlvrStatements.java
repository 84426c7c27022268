package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes NLVR2-like statements: a statement is judged on several image pairs (as in NLVR2, where one sentence is
 * written for a set of pairs), some true and some false, so the consistency metric (all pairs of a statement
 * right) is meaningful. Labels of a set alternate as far as sampling allows, so they are balanced overall.
 */
final class NlvrStatements {

    private NlvrStatements() {}

    /**
     * @param split the split word of the ids ({@code train}, {@code dev}, {@code test1})
     * @param set the set number
     * @param pairs pairs per statement
     * @param sampler the scene sampler
     * @param random the set's random stream
     * @param firstUid the uid number of the first statement
     * @return the statements with their scenes
     */
    static List<NlvrStatement> forSet(String split, int set, int pairs, SceneSampler sampler, Random random, int firstUid) {
        Template t = Template.random(random);
        List<NlvrStatement> out = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            boolean target = (p + set) % 2 == 0;
            String prefix = split + "-" + set + "-" + p;
            Scene left = null;
            Scene right = null;
            for (int attempt = 0; attempt < 60; attempt++) {
                left = sampler.sample(prefix + "-img0", random);
                right = sampler.sample(prefix + "-img1", random);
                if (t.holds(left, right) == target) {
                    break;
                }
            }
            out.add(new NlvrStatement(prefix + "-0", left, right, t.sentence, t.holds(left, right),
                    "nlvr2_" + split + "_" + (firstUid + p)));
        }
        return out;
    }

    /** A statement and its truth function. */
    private record Template(String sentence, java.util.function.BiPredicate<Scene, Scene> truth) {

        boolean holds(Scene l, Scene r) {
            return truth.test(l, r);
        }

        static Template random(Random random) {
            Attribute a = Attribute.random(random);
            while (a.colour() != null && a.shape() != null) {
                a = Attribute.random(random);
            }
            Attribute x = a;
            int n = 1 + random.nextInt(3);
            return switch (random.nextInt(6)) {
                case 0 -> new Template("The left image contains exactly " + Words.number(n) + " " + (n == 1 ? x.singular() : x.plural()) + ".",
                        (l, r) -> l.count(x) == n);
                case 1 -> new Template("Both images contain at least one " + x.singular() + ".",
                        (l, r) -> l.count(x) > 0 && r.count(x) > 0);
                case 2 -> new Template("There are more " + x.plural() + " in the left image than in the right image.",
                        (l, r) -> l.count(x) > r.count(x));
                case 3 -> new Template("There are " + Words.number(n + 1) + " " + x.plural() + " in total.",
                        (l, r) -> l.count(x) + r.count(x) == n + 1);
                case 4 -> new Template("Exactly one image contains " + Words.article(x.singular()) + " " + x.singular() + ".",
                        (l, r) -> (l.count(x) > 0) != (r.count(x) > 0));
                default -> new Template("The right image has " + Words.number(n) + " or more " + x.plural() + ".",
                        (l, r) -> r.count(x) >= n);
            };
        }
    }
}
