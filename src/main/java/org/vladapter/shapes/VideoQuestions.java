package org.vladapter.shapes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes multiple-choice questions about clips: which object enters or leaves, which way a named object moves,
 * what colour the moving shape is, and how many objects are visible at the end. Distractors include objects that
 * are in the clip but did not do the asked thing, so neither the narration nor the answer texts alone decide.
 */
final class VideoQuestions {

    private VideoQuestions() {}

    static List<VideoQuestion> forVideo(Video video, String qidPrefix, int count, int choices, Random random) {
        List<VideoQuestion> out = new ArrayList<>();
        List<VideoEvent> events = VideoEvent.of(video);
        for (int tries = 0; tries < 40 && out.size() < count; tries++) {
            VideoQuestion q = one(video, events, qidPrefix + out.size(), choices, random);
            if (q != null && out.stream().noneMatch(p -> p.question().equals(q.question()))) {
                out.add(q);
            }
        }
        return out;
    }

    private static VideoQuestion one(Video video, List<VideoEvent> events, String qid, int choices, Random random) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            List<VideoEvent> ev = events.stream().filter(e -> e.kind() != VideoEvent.Kind.MOVES).toList();
            if (ev.isEmpty()) {
                return null;
            }
            VideoEvent e = Words.pick(ev, random);
            boolean enters = e.kind() == VideoEvent.Kind.ENTERS;
            String right = "the " + e.track().object().name();
            Set<String> wrong = new LinkedHashSet<>();
            for (Track t : video.tracks()) {
                if (t != e.track()) {
                    wrong.add("the " + t.object().name());
                }
            }
            return choose(qid, enters ? "Which object enters the scene?" : "Which object leaves the scene?", right,
                    wrong, choices, video, e, random, VideoQuestions::randomName);
        }
        if (kind == 1) {
            Track t = Words.pick(video.tracks(), random);
            List<String> dirs = new ArrayList<>();
            for (Direction d : Direction.values()) {
                dirs.add(d == Direction.STILL ? "it does not move" : d.word());
            }
            String right = t.direction() == Direction.STILL ? "it does not move" : t.direction().word();
            VideoEvent span = new VideoEvent(VideoEvent.Kind.MOVES, t, t.appear(), t.leave());
            return choose(qid, "Which way does the " + t.object().name() + " move?", right, new LinkedHashSet<>(dirs),
                    choices, video, span, random, r -> Words.pick(dirs, r));
        }
        if (kind == 2) {
            List<Track> moving = video.tracks().stream().filter(t -> t.direction() != Direction.STILL).toList();
            if (moving.isEmpty()) {
                return null;
            }
            Track t = Words.pick(moving, random);
            if (video.tracks().stream().filter(o -> o.object().shape() == t.object().shape()).count() > 1) {
                return null;
            }
            Set<String> wrong = new LinkedHashSet<>();
            for (Track o : video.tracks()) {
                wrong.add(o.object().colour().word());
            }
            VideoEvent span = new VideoEvent(VideoEvent.Kind.MOVES, t, t.appear(), t.leave());
            return choose(qid, "What color is the " + t.object().shape().word() + " that moves?",
                    t.object().colour().word(), wrong, choices, video, span, random,
                    r -> Colour.values()[r.nextInt(Colour.values().length)].word());
        }
        int n = video.objectsAt(video.frames() - 1).size();
        Set<String> wrong = new LinkedHashSet<>();
        for (int k = 0; k <= 5; k++) {
            wrong.add(Words.number(k));
        }
        VideoEvent span = new VideoEvent(VideoEvent.Kind.MOVES, video.tracks().get(0), video.frames() - 3, video.frames());
        return choose(qid, "How many objects are visible at the end?", Words.number(n), wrong, choices, video, span,
                random, r -> Words.number(r.nextInt(6)));
    }

    private static String randomName(Random random) {
        SceneObject o = SceneSampler.randomObject(random);
        return "the " + o.name();
    }

    private static VideoQuestion choose(String qid, String question, String right, Set<String> candidates, int choices,
            Video video, VideoEvent span, Random random, java.util.function.Function<Random, String> more) {
        List<String> wrong = new ArrayList<>(candidates);
        wrong.remove(right);
        java.util.Collections.shuffle(wrong, random);
        Set<String> picked = new LinkedHashSet<>(wrong.subList(0, Math.min(wrong.size(), choices - 1)));
        for (int guard = 0; picked.size() < choices - 1 && guard < 200; guard++) {
            String c = more.apply(random);
            if (!c.equals(right)) {
                picked.add(c);
            }
        }
        if (picked.size() < choices - 1) {
            return null;
        }
        List<String> all = new ArrayList<>(picked);
        int answer = random.nextInt(choices);
        all.add(answer, right);
        double start = Math.max(0, span.start() + random.nextInt(50) / 100.0);
        double end = Math.min(video.frames(), span.end()) - random.nextInt(50) / 100.0;
        String ts = String.format(Locale.ROOT, "%.2f-%.2f", start, Math.max(start + 0.5, end));
        return new VideoQuestion(qid, question, List.copyOf(all), answer, video.id(), ts);
    }
}
