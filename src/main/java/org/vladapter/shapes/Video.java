package org.vladapter.shapes;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A short clip: tracks of objects over {@code frames} frames at one frame per second, and its narration.
 *
 * @param id the {@code vid_name}
 * @param tracks the objects
 * @param frames number of frames (= seconds)
 * @param noiseSeed background noise seed (the same in every frame: a static camera)
 */
public record Video(String id, List<Track> tracks, int frames, long noiseSeed) {

    /**
     * @param frame a frame index
     * @return the objects visible in it at their positions
     */
    public List<SceneObject> objectsAt(int frame) {
        List<SceneObject> out = new ArrayList<>();
        for (Track t : tracks) {
            if (t.visibleAt(frame)) {
                out.add(t.at(frame));
            }
        }
        return out;
    }

    /**
     * @param frame a frame index
     * @return the rendered frame
     */
    public BufferedImage render(int frame) {
        return SceneRenderer.render(objectsAt(frame), noiseSeed);
    }
}
