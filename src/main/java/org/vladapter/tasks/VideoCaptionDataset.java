package org.vladapter.tasks;

import com.google.gson.JsonElement;
import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * TVC and YC2C in the VALUE release ({@code video/ann/tvc/tvc_<split>.jsonl}, {@code yc2c/yc2c_<split>.jsonl}):
 * JSON lines {@code {"vid_name", "duration", "ts" (TVC only), "clip_id", "descs": [{"desc", "desc_id",
 * "type"}]}}; test files have no {@code descs}.
 *
 * <p>Items: one per description (id {@code desc_id}, target the description as is, reference that single
 * description); a clip without {@code descs} gives one unlabelled item (id {@code clip_id}). Input:
 * TVC {@code "[Subs] {subs} [TS] ({ts}) {prompt}"}, YC2C {@code "[Subs] {subs} {prompt}"} (see {@link
 * VideoQaDataset} for {@code subs} and {@code ts}).
 */
public final class VideoCaptionDataset extends ItemDataset<VideoCaptionDataset.Item> {

    /** A parsed item. */
    record Item(String id, String videoId, String timeSpan, String description, String clipId, List<Double> timestamps) {}

    private final Subtitles subtitles;
    private final String prompt;

    private VideoCaptionDataset(Task task, String split, List<Path> files, List<Item> items, Subtitles subtitles,
            FeatureStore store, ReaderOptions options) {
        super(task, split, files, items, store);
        this.subtitles = subtitles;
        this.prompt = options.prompt(task);
    }

    /**
     * @param task a video captioning task (TVC, YC2C)
     * @param split the split name(s) for messages
     * @param files the JSON-lines files, concatenated in order
     * @param subtitles the subtitles of the videos
     * @param store where the video features live
     * @param options prompt options
     * @param withTimeSpan whether the records carry the clip's {@code ts} time span (TVC; YC2C's do not)
     * @return the dataset
     * @throws AnnotationException on a missing/malformed file or key, a video without subtitles, or an empty split
     */
    public static VideoCaptionDataset load(Task task, String split, List<Path> files, Subtitles subtitles,
            FeatureStore store, ReaderOptions options, boolean withTimeSpan) {
        if (task.modality() != Task.Modality.VIDEO) {
            throw new IllegalArgumentException("VideoCaptionDataset reads video captions, not " + task.key());
        }
        List<Item> items = new ArrayList<>();
        for (Path file : files) {
            JsonAnnotations.readLines(file, r -> {
                String video = r.string("vid_name");
                if (!subtitles.has(video)) {
                    throw new AnnotationException(r.where() + ": no subtitles for vid_name '" + video + "' in " + subtitles.file());
                }
                String ts = withTimeSpan ? PyText.str(r.get("ts")) : null;
                List<Double> seconds = withTimeSpan ? seconds(r.get("ts")) : null;
                String clip = r.id("clip_id");
                if (!r.has("descs")) {
                    items.add(new Item(clip, video, ts, null, clip, seconds));
                    return;
                }
                if (!r.get("descs").isJsonArray()) {
                    throw new AnnotationException(r.where() + ": key 'descs' must be a list");
                }
                for (JsonElement d : r.get("descs").getAsJsonArray()) {
                    if (!d.isJsonObject()) {
                        throw new AnnotationException(r.where() + ": a desc must be an object, found " + d);
                    }
                    JsonRecord desc = new JsonRecord(d.getAsJsonObject(), r.file(), r.line());
                    items.add(new Item(desc.id("desc_id"), video, ts, desc.string("desc"), clip, seconds));
                }
            });
        }
        return new VideoCaptionDataset(task, split, files, items, subtitles, store, options);
    }

    /** TVC's {@code ts} as numbers, or {@code null} when it is not a list of numbers. */
    private static List<Double> seconds(JsonElement ts) {
        if (ts == null || !ts.isJsonArray()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (JsonElement x : ts.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                return null;
            }
            out.add(x.getAsDouble());
        }
        return out;
    }

    /** @return the clip (vid_name, clip_id, TVC's ts) item {@code index} describes */
    @Override
    public java.util.Optional<VideoClip> videoClip(int index) {
        Item item = items().get(java.util.Objects.checkIndex(index, size()));
        return java.util.Optional.of(new VideoClip(item.id(), item.videoId(), item.clipId(), item.timestamps()));
    }

    @Override
    Example build(Item item, Random random) {
        StringBuilder text = new StringBuilder("[Subs] ").append(subtitles.text(item.videoId()));
        if (item.timeSpan() != null) {
            text.append(" [TS] (").append(item.timeSpan()).append(')');
        }
        text.append(' ').append(prompt);
        if (item.description() == null) {
            return new Example(task(), item.id(), text.toString(), null, 1f, List.of(item.videoId()), null);
        }
        return new Example(task(), item.id(), text.toString(), item.description(), 1f, List.of(item.videoId()),
                new Reference.Captions(List.of(item.description())));
    }
}
