package org.vladapter.tasks;

/**
 * What the four video tasks share: the VALUE layout (annotations under {@code video/ann/<task>/}, frame
 * features and subtitles by source), the task key as prompt, input truncation 600 and target truncation 20,
 * the per-example mean loss, beam 5 with max length 20, and unlabelled test files (they are reported on
 * validation). The multiple-choice QA tasks and the captioning tasks differ in reader, metric and submission.
 */
final class VideoTaskSpecs {

    private VideoTaskSpecs() {}

    /**
     * @param key the task key
     * @param source the VALUE source folder ({@code tv}, {@code how2})
     * @param choices answer candidates per question
     * @param showNameTypes whether the question type is the record's {@code show_name}
     * @return a builder with everything but the splits and the colour
     */
    static TaskSpec.Builder multipleChoice(String key, String source, int choices, boolean showNameTypes) {
        return common(key, source)
                .reader((layout, task, split, parts) -> VideoQaDataset.load(task, split,
                        layout.annotationFiles(parts, DatasetLayout.videoAnnotations(task)), layout.subtitles(task),
                        layout.videoFeatures(task), layout.readerOptions(), choices, showNameTypes))
                .metric(TaskMetrics.VIDEO_QA)
                .submission(Submissions.VIDEO_QA);
    }

    /**
     * @param key the task key
     * @param source the VALUE source folder ({@code tv}, {@code yc2})
     * @param withTimeSpan whether the records carry the clip's time span
     * @return a builder with everything but the splits and the colour
     */
    static TaskSpec.Builder captions(String key, String source, boolean withTimeSpan) {
        return common(key, source)
                .reader((layout, task, split, parts) -> VideoCaptionDataset.load(task, split,
                        layout.annotationFiles(parts, DatasetLayout.videoAnnotations(task)), layout.subtitles(task),
                        layout.videoFeatures(task), layout.readerOptions(), withTimeSpan))
                .metric(TaskMetrics.CAPTIONS)
                .submission(Submissions.VALUE_CAPTIONS);
    }

    private static TaskSpec.Builder common(String key, String source) {
        return TaskSpec.builder(key, Task.Modality.VIDEO).prompt(key + ": ").truncation(600, 20).videoSource(source)
                .loss(LossReduction.EXAMPLE_MEAN).decoding(Decoding.beam(5, 20));
    }
}
