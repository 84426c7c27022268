package org.vladapter.tasks;

import org.vladapter.text.PythonText;

import com.google.gson.JsonElement;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * VALUE subtitles ({@code video/ann/tv_subtitles.jsonl}, ...): JSON lines {@code {"vid_name", "sub": [{"text",
 * "start", "end"}, ...]}}. Stored per video as the original uses them: every subtitle's {@code
 * text.strip()}, joined by single spaces (all subtitles of the video, not only those in the question's
 * time span).
 */
public final class Subtitles {

    private final Path file;
    private final Map<String, String> byVideo;

    private Subtitles(Path file, Map<String, String> byVideo) {
        this.file = file;
        this.byVideo = byVideo;
    }

    /**
     * @param file the subtitles JSON-lines file
     * @return the subtitles by video
     * @throws AnnotationException on a missing/malformed file or key
     */
    public static Subtitles load(Path file) {
        Map<String, String> byVideo = new HashMap<>();
        JsonAnnotations.readLines(file, r -> {
            if (!r.get("sub").isJsonArray()) {
                throw new AnnotationException(r.where() + ": key 'sub' must be a list");
            }
            StringBuilder joined = new StringBuilder();
            boolean first = true;
            for (JsonElement sub : r.get("sub").getAsJsonArray()) {
                if (!sub.isJsonObject() || !sub.getAsJsonObject().has("text")) {
                    throw new AnnotationException(r.where() + ": a subtitle of '" + r.string("vid_name") + "' has no 'text'");
                }
                joined.append(first ? "" : " ").append(PythonText.strip(sub.getAsJsonObject().get("text").getAsString()));
                first = false;
            }
            byVideo.put(r.string("vid_name"), joined.toString());
        });
        return new Subtitles(file, byVideo);
    }

    /**
     * @param videoId a {@code vid_name}
     * @return whether the file has subtitles for it
     */
    public boolean has(String videoId) {
        return byVideo.containsKey(videoId);
    }

    /**
     * @param videoId a {@code vid_name}
     * @return the stripped subtitle texts joined by spaces
     * @throws AnnotationException naming the video and file when absent
     */
    public String text(String videoId) {
        String text = byVideo.get(videoId);
        if (text == null) {
            throw new AnnotationException("no subtitles for video '" + videoId + "' in " + file);
        }
        return text;
    }

    /** @return the subtitles file */
    public Path file() {
        return file;
    }

    /** @return the number of videos */
    public int size() {
        return byVideo.size();
    }
}
