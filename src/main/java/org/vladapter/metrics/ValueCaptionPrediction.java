package org.vladapter.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One TVC / YC2C test prediction for the VALUE leaderboard.
 *
 * @param videoName the clip's {@code vid_name}
 * @param clipId the clip's {@code clip_id} as the annotation file gives it (written as a JSON number when it is an
 *     integer, as VALUE's own files have it, and as a string otherwise)
 * @param timestamps the clip's {@code ts} (TVC: [start, end] seconds), or null for YC2C (no {@code ts} written)
 * @param description the generated description
 */
public record ValueCaptionPrediction(String videoName, String clipId, List<Double> timestamps, String description) {

    /**
     * @param videoName video name
     * @param clipId clip id
     * @param timestamps timestamps or null
     * @param description generated description
     */
    public ValueCaptionPrediction {
        Objects.requireNonNull(videoName, "videoName");
        Objects.requireNonNull(clipId, "clipId");
        Objects.requireNonNull(description, "description");
        timestamps = timestamps == null ? null : List.copyOf(timestamps);
    }

    /**
     * @param videoName video name
     * @param clipId an integer clip id
     * @param timestamps timestamps or null
     * @param description generated description
     */
    public ValueCaptionPrediction(String videoName, long clipId, List<Double> timestamps, String description) {
        this(videoName, Long.toString(clipId), timestamps, description);
    }

    /** @return whether the clip id is an integer (written as a JSON number) */
    public boolean integerClipId() {
        return clipId.matches("-?[0-9]{1,18}");
    }
}
