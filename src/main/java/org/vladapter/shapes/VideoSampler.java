package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Samples clips of {@link #FRAMES} frames with two to four objects. Each clip has at least one object that
 * appears after the start or leaves before the end, and at least one that moves; moving objects stay inside the
 * image, and objects of one clip have distinct colour-and-shape names so that narration and questions can name
 * them.
 */
public final class VideoSampler {

    /** Frames per clip (one per second). */
    public static final int FRAMES = 12;

    private VideoSampler() {}

    /**
     * @param id the vid_name
     * @param random the item's random stream
     * @return a clip
     */
    public static Video sample(String id, Random random) {
        int n = 2 + random.nextInt(3);
        List<Track> tracks = new ArrayList<>();
        List<SceneObject> starts = new ArrayList<>();
        boolean anyMoves = false;
        boolean anyEvent = false;
        for (int i = 0; i < n; i++) {
            SceneObject o = distinctObject(random, starts);
            Direction dir = i == n - 1 && !anyMoves
                    ? Direction.values()[random.nextInt(4)]
                    : Direction.values()[random.nextInt(Direction.values().length)];
            anyMoves |= dir != Direction.STILL;
            int appear = 0;
            int leave = FRAMES;
            int kind = random.nextInt(4);
            if (kind == 0 || (i == n - 1 && !anyEvent)) {
                appear = 2 + random.nextInt(5);
            } else if (kind == 1) {
                leave = 5 + random.nextInt(5);
            }
            anyEvent |= appear > 0 || leave < FRAMES;
            int travel = Track.SPEED * (leave - appear - 1);
            SceneObject placed = placeForPath(o, dir, travel, starts, random);
            if (placed == null) {
                continue;
            }
            starts.add(placed);
            tracks.add(new Track(placed, appear, leave, dir));
        }
        return new Video(id, List.copyOf(tracks), FRAMES, random.nextLong());
    }

    private static SceneObject distinctObject(Random random, List<SceneObject> others) {
        while (true) {
            SceneObject o = SceneSampler.randomObject(random);
            boolean clash = others.stream().anyMatch(p -> p.colour() == o.colour() && p.shape() == o.shape());
            if (!clash) {
                return o;
            }
        }
    }

    private static SceneObject placeForPath(SceneObject o, Direction dir, int travel, List<SceneObject> others, Random random) {
        int size = SceneSampler.IMAGE_SIZE;
        int r = o.radius() + 2;
        int minX = r - Math.min(0, dir.dx()) * travel;
        int maxX = size - r - Math.max(0, dir.dx()) * travel;
        int minY = r - Math.min(0, dir.dy()) * travel;
        int maxY = size - r - Math.max(0, dir.dy()) * travel;
        if (maxX <= minX || maxY <= minY) {
            return null;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            SceneObject c = o.at(minX + random.nextInt(maxX - minX), minY + random.nextInt(maxY - minY));
            if (SceneSampler.fits(c, others)) {
                return c;
            }
        }
        return null;
    }
}
