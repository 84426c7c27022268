package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The subtitle track of a clip: a narrator comments on about half of the events at the time they happen,
 * between filler lines, in the voice of the clip's source (a show for {@code tv}, an instructor for {@code
 * how2}, a recipe-like walkthrough for {@code yc2}).
 */
final class Narration {

    private static final String[] FILLERS = {"well , look at that", "what a nice day", "hmm , let me think",
        "are you watching this", "okay then", "this is fun"};

    private Narration() {}

    static List<SubtitleLine> forVideo(Video video, String source, Random random) {
        List<SubtitleLine> out = new ArrayList<>();
        out.add(new SubtitleLine(Words.pick(FILLERS, random), 0.0, 1.0));
        for (VideoEvent e : VideoEvent.of(video)) {
            if (random.nextBoolean()) {
                continue;
            }
            String name = e.track().object().name();
            String text = switch (source) {
                case "how2" -> switch (e.kind()) {
                    case ENTERS -> "now we bring in " + Words.article(name) + " " + name;
                    case LEAVES -> "next we take away the " + name;
                    case MOVES -> "slide the " + name + " " + e.track().direction().word();
                };
                case "yc2" -> switch (e.kind()) {
                    case ENTERS -> "add the " + name;
                    case LEAVES -> "remove the " + name;
                    case MOVES -> "push the " + name + " " + e.track().direction().word();
                };
                default -> switch (e.kind()) {
                    case ENTERS -> "oh , here comes " + Words.article(name) + " " + name;
                    case LEAVES -> "bye bye , " + name;
                    case MOVES -> "where is that " + name + " going";
                };
            };
            out.add(new SubtitleLine(text, e.start(), Math.min(video.frames(), e.start() + 2.0)));
        }
        if (random.nextBoolean()) {
            out.add(new SubtitleLine(Words.pick(FILLERS, random), video.frames() - 1.5, video.frames()));
        }
        return out;
    }
}
