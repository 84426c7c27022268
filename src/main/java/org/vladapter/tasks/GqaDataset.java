package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * GQA (LXMERT balanced files {@code GQA/train.json}, {@code valid.json}, {@code testdev.json}, {@code
 * submit.json}): a JSON list of {@code {"img_id", "label": {answer: score}, "question_id", "sent"}}.
 *
 * <p>Input: {@code prompt + sent} with the original prompt {@code "gpa: "} (sic; see {@link ReaderOptions}
 * to use {@code "gqa: "}). Target: drawn in proportion to the scores like VQA, but every example has loss
 * weight 1 (GQA's loss is not score-weighted). Items without {@code label} (submit) have no target.
 */
public final class GqaDataset extends ItemDataset<GqaDataset.Item> {

    /** A parsed question. */
    record Item(String questionId, String imageId, String sentence, ScoredAnswers answers) {}

    private final String prompt;

    private GqaDataset(String split, List<Path> files, List<Item> items, FeatureStore store, ReaderOptions options) {
        super(Task.GQA, split, files, items, store);
        this.prompt = options.prompt(Task.GQA);
    }

    /**
     * @param split the split name(s) for messages, e.g. {@code train,valid}
     * @param files the JSON files, concatenated in order
     * @param store where the image features live (Visual Genome for train/valid, GQA for testdev/submit)
     * @param options prompt options
     * @return the dataset
     * @throws AnnotationException on a missing/malformed file or key (file and line named) or an empty split
     */
    public static GqaDataset load(String split, List<Path> files, FeatureStore store, ReaderOptions options) {
        List<Item> items = new ArrayList<>();
        for (Path file : files) {
            JsonAnnotations.readList(file, r -> items.add(new Item(
                    r.id("question_id"),
                    r.string("img_id"),
                    r.string("sent"),
                    r.has("label") ? new ScoredAnswers(r.scores("label")) : null)));
        }
        return new GqaDataset(split, files, items, store, options);
    }

    @Override
    Example build(Item item, Random random) {
        String input = prompt + item.sentence();
        if (item.answers() == null) {
            return new Example(Task.GQA, item.questionId(), input, null, 1f, List.of(item.imageId()), null);
        }
        ScoredAnswers.Draw draw = item.answers().draw(random);
        return new Example(Task.GQA, item.questionId(), input, draw.answer(), 1f, List.of(item.imageId()),
                new Reference.AnswerScores(item.answers().asMap(), null, null));
    }
}
