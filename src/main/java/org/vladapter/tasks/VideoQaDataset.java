package org.vladapter.tasks;

import org.vladapter.text.PythonText;

import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * TVQA and How2QA in the VALUE release ({@code video/ann/tvqa/tvqa_<split>.jsonl}, {@code
 * how2qa/how2qa_<split>.jsonl}): JSON lines {@code {"qid", "q", "a0".."a4" (How2QA: "a3"), "answer_idx"
 * (absent in test), "vid_name", "ts", "show_name" (TVQA only)}}.
 *
 * <p>Input, exactly as the original builds it:
 * <pre>
 * "[Subs] {subs} [Q] {q.strip()} [TS] ({ts}) [Choices] a0: {a0.strip('. ')}. a1: ... aK: {aK.strip('. ')}. {prompt}"
 * </pre>
 * where {@code subs} joins all of the video's stripped subtitle texts (not only those in {@code ts}), {@code
 * ts} is Python's {@code str()} of the JSON value, and the prompt ({@code "tvqa: "}) comes last, after a space
 * that is present even when the prompt is empty. Target {@code "a{answer_idx}"}.
 */
public final class VideoQaDataset extends ItemDataset<VideoQaDataset.Item> {

    /** A parsed question. */
    record Item(String questionId, String videoId, String question, List<String> choices, String timeSpan,
            Integer answerIndex, String type) {}

    private final Subtitles subtitles;
    private final String prompt;

    private VideoQaDataset(Task task, String split, List<Path> files, List<Item> items, Subtitles subtitles,
            FeatureStore store, ReaderOptions options) {
        super(task, split, files, items, store);
        this.subtitles = subtitles;
        this.prompt = options.prompt(task);
    }

    /**
     * @param task a multiple-choice video QA task (TVQA, How2QA)
     * @param split the split name(s) for messages
     * @param files the JSON-lines files, concatenated in order
     * @param subtitles the subtitles of the videos
     * @param store where the video features live
     * @param options prompt options
     * @param choices answer candidates per question ({@code a0}, {@code a1}, ...; TVQA 5, How2QA 4)
     * @param showNameTypes whether the question type is the record's {@code show_name} (TVQA); otherwise the
     *     task key (How2QA)
     * @return the dataset
     * @throws AnnotationException on a missing/malformed file or key, a video without subtitles, or an empty split
     */
    public static VideoQaDataset load(Task task, String split, List<Path> files, Subtitles subtitles,
            FeatureStore store, ReaderOptions options, int choices, boolean showNameTypes) {
        if (task.modality() != Task.Modality.VIDEO || choices < 2) {
            throw new IllegalArgumentException("VideoQaDataset reads multiple-choice video QA, not " + task.key()
                    + " with " + choices + " choices");
        }
        List<Item> items = new ArrayList<>();
        for (Path file : files) {
            JsonAnnotations.readLines(file, r -> {
                String video = r.string("vid_name");
                if (!subtitles.has(video)) {
                    throw new AnnotationException(r.where() + ": no subtitles for vid_name '" + video + "' in " + subtitles.file());
                }
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < choices; i++) {
                    answers.add(r.string("a" + i));
                }
                Integer answer = r.has("answer_idx") ? r.integer("answer_idx") : null;
                if (answer != null && (answer < 0 || answer >= choices)) {
                    throw new AnnotationException(r.where() + ": answer_idx " + answer + " is not in 0.." + (choices - 1));
                }
                String type = showNameTypes ? r.string("show_name") : task.key();
                items.add(new Item(r.id("qid"), video, r.string("q"), answers, PyText.str(r.get("ts")), answer, type));
            });
        }
        return new VideoQaDataset(task, split, files, items, subtitles, store, options);
    }

    @Override
    Example build(Item item, Random random) {
        StringBuilder text = new StringBuilder("[Subs] ").append(subtitles.text(item.videoId()))
                .append(" [Q] ").append(PythonText.strip(item.question()))
                .append(" [TS] (").append(item.timeSpan()).append(")")
                .append(" [Choices]");
        for (int i = 0; i < item.choices().size(); i++) {
            text.append(" a").append(i).append(": ").append(PythonText.strip(item.choices().get(i), ". ")).append('.');
        }
        text.append(' ').append(prompt);
        if (item.answerIndex() == null) {
            return new Example(task(), item.questionId(), text.toString(), null, 1f, List.of(item.videoId()), null);
        }
        return new Example(task(), item.questionId(), text.toString(), "a" + item.answerIndex(), 1f,
                List.of(item.videoId()), new Reference.Choice(item.answerIndex(), item.type()));
    }
}
