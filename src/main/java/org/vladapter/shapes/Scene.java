package org.vladapter.shapes;

import java.util.List;
import java.util.function.Predicate;

/**
 * A still scene: a few objects on a noisy background.
 *
 * @param id the image id in the release layout ({@code COCO_train2014_000000000017}, {@code 2300017}, ...)
 * @param objects the objects, in drawing order
 * @param noiseSeed the seed of the background noise
 */
public record Scene(String id, List<SceneObject> objects, long noiseSeed) {

    /**
     * @param test a property
     * @return how many objects have it
     */
    public int count(Predicate<SceneObject> test) {
        return (int) objects.stream().filter(test).count();
    }

    /**
     * @param test a property
     * @return the single object that has it, or {@code null} when none or several have it
     */
    public SceneObject unique(Predicate<SceneObject> test) {
        List<SceneObject> found = objects.stream().filter(test).toList();
        return found.size() == 1 ? found.get(0) : null;
    }

    /**
     * @param o one of the objects
     * @return whether no other object has the same colour and shape (so "the red circle" names it)
     */
    public boolean nameIsUnique(SceneObject o) {
        return count(p -> p.colour() == o.colour() && p.shape() == o.shape()) == 1;
    }
}
