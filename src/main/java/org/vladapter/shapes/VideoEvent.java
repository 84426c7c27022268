package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * Something that happens in a clip: an object enters, leaves or moves, between two times in seconds.
 *
 * @param kind what happens
 * @param track the object's track
 * @param start start time (s)
 * @param end end time (s)
 */
public record VideoEvent(Kind kind, Track track, double start, double end) {

    /** Event kinds. */
    public enum Kind {
        /** the object appears after the start */
        ENTERS,
        /** the object disappears before the end */
        LEAVES,
        /** the object moves while visible */
        MOVES
    }

    /** @return e.g. {@code "the red circle moves left"} */
    public String describe() {
        String name = track.object().name();
        return switch (kind) {
            case ENTERS -> Words.article(name) + " " + name + " enters the scene";
            case LEAVES -> "the " + name + " leaves the scene";
            case MOVES -> "the " + name + " moves " + track.direction().word();
        };
    }

    /** @return another phrasing of {@link #describe()} */
    public String paraphrase() {
        String name = track.object().name();
        return switch (kind) {
            case ENTERS -> "the " + name + " appears";
            case LEAVES -> "the " + name + " disappears";
            case MOVES -> Words.article(name) + " " + name + " goes " + track.direction().word();
        };
    }

    /**
     * @param video a clip
     * @return its events ordered by start time
     */
    public static List<VideoEvent> of(Video video) {
        List<VideoEvent> out = new ArrayList<>();
        for (Track t : video.tracks()) {
            if (t.appear() > 0) {
                out.add(new VideoEvent(Kind.ENTERS, t, Math.max(0, t.appear() - 1), t.appear() + 1));
            }
            if (t.direction() != Direction.STILL) {
                out.add(new VideoEvent(Kind.MOVES, t, t.appear(), t.leave()));
            }
            if (t.leave() < video.frames()) {
                out.add(new VideoEvent(Kind.LEAVES, t, t.leave() - 1, Math.min(video.frames(), t.leave() + 1)));
            }
        }
        out.sort(java.util.Comparator.comparingDouble(VideoEvent::start));
        return out;
    }
}
