package org.vladapter.shapes;

/**
 * One object of a video: where it starts, when it is visible and how it moves.
 *
 * @param object the object at its first visible frame
 * @param appear the first frame it is visible
 * @param leave the first frame it is no longer visible (the clip length when it stays)
 * @param direction its motion
 */
public record Track(SceneObject object, int appear, int leave, Direction direction) {

    /** Pixels an object moves per frame. */
    public static final int SPEED = 3;

    /**
     * @param frame a frame index
     * @return whether the object is visible in it
     */
    public boolean visibleAt(int frame) {
        return frame >= appear && frame < leave;
    }

    /**
     * @param frame a frame index where the object is visible
     * @return the object at its position in that frame
     */
    public SceneObject at(int frame) {
        int steps = frame - appear;
        return object.at(object.x() + direction.dx() * SPEED * steps, object.y() + direction.dy() * SPEED * steps);
    }
}
