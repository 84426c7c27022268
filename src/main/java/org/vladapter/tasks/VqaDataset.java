package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * VQAv2 in the Karpathy split files of VL-T5 ({@code vqa/karpathy_train.json}, ...): a JSON list of
 * {@code {"img_id", "sent", "label": {answer: score}, "question_id", "answer_type", "question_type"}}
 * ({@code "question"} is accepted for {@code "sent"}, as in the original).
 *
 * <p>Input: {@code prompt + sent} (prompt {@code "vqa: "} or {@code ""}). Target: an answer drawn in
 * proportion to its score each time the item is read; the loss weight is the drawn answer's score; all-zero
 * scores give the empty target with weight 0. Items without {@code label} (test-dev/std) have no target.
 */
public final class VqaDataset extends ItemDataset<VqaDataset.Item> {

    /** A parsed question. */
    record Item(String questionId, String imageId, String sentence, ScoredAnswers answers,
            String answerType, String questionType) {}

    private final String prompt;

    private VqaDataset(String split, List<Path> files, List<Item> items, FeatureStore store, ReaderOptions options) {
        super(Task.VQA, split, files, items, store);
        this.prompt = options.prompt(Task.VQA);
    }

    /**
     * @param split the split name(s) for messages, e.g. {@code karpathy_train}
     * @param files the JSON files of the split(s), concatenated in order
     * @param store where the image features live (COCO {@code <img_id>.h5})
     * @param options prompt options
     * @return the dataset
     * @throws AnnotationException on a missing/malformed file or key (file and line named) or an empty split
     */
    public static VqaDataset load(String split, List<Path> files, FeatureStore store, ReaderOptions options) {
        List<Item> items = new ArrayList<>();
        for (Path file : files) {
            JsonAnnotations.readList(file, r -> items.add(new Item(
                    r.id("question_id"),
                    r.string("img_id"),
                    r.has("sent") ? r.string("sent") : r.string("question"),
                    r.has("label") ? new ScoredAnswers(r.scores("label")) : null,
                    r.has("answer_type") ? r.string("answer_type") : null,
                    r.has("question_type") ? r.string("question_type") : null)));
        }
        return new VqaDataset(split, files, items, store, options);
    }

    @Override
    Example build(Item item, Random random) {
        String input = prompt + item.sentence();
        if (item.answers() == null) {
            return new Example(Task.VQA, item.questionId(), input, null, 1f, List.of(item.imageId()), null);
        }
        ScoredAnswers.Draw draw = item.answers().draw(random);
        return new Example(Task.VQA, item.questionId(), input, draw.answer(), draw.score(), List.of(item.imageId()),
                new Reference.AnswerScores(item.answers().asMap(), item.answerType(), item.questionType()));
    }
}
