package org.vladapter.tasks;

import java.util.List;
import java.util.Objects;

/**
 * Which VALUE clip a TVC / YC2C item describes: what the VALUE submission format (one JSON line per clip with
 * {@code vid_name}, {@code clip_id}, TVC's {@code ts} and the generated {@code descs}) needs besides the text.
 *
 * @param exampleId the item's example id ({@code desc_id} on labelled splits, {@code clip_id} on test files)
 * @param videoName the clip's {@code vid_name}
 * @param clipId the clip's {@code clip_id} as written in the annotation
 * @param timestamps the clip's {@code ts} ([start, end] seconds; TVC only), or {@code null}
 */
public record VideoClip(String exampleId, String videoName, String clipId, List<Double> timestamps) {

    /** Checks the names and copies the timestamps. */
    public VideoClip {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(videoName, "videoName");
        Objects.requireNonNull(clipId, "clipId");
        timestamps = timestamps == null ? null : List.copyOf(timestamps);
    }
}
