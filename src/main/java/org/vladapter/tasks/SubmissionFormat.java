package org.vladapter.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** How a task's predictions are written in its official submission format. */
public interface SubmissionFormat {

    /** No official format. */
    SubmissionFormat NONE = new SubmissionFormat() {
        @Override
        public String extension() {
            return "";
        }

        @Override
        public boolean write(Path file, Map<String, String> predictions, Map<String, VideoClip> clips) {
            return false;
        }
    };

    /** @return the file name extension ({@code .json}, {@code .csv}, {@code .jsonl}) */
    String extension();

    /**
     * @param file where to write
     * @param predictions prediction by example id
     * @param clips the VALUE clip of each example by example id (video captions; empty otherwise)
     * @return whether the file was written (false when the ids do not allow the official format)
     * @throws IOException when writing fails
     */
    boolean write(Path file, Map<String, String> predictions, Map<String, VideoClip> clips) throws IOException;
}
