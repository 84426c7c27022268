package org.vladapter.tasks;

import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * NLVR2 ({@code nlvr/train.json}, {@code valid.json}, {@code test.json}): a JSON list of {@code
 * {"identifier", "img0", "img1", "label": 0|1, "sent", "uid"}}.
 *
 * <p>Input: {@code prompt + sent} (no truncation). Target {@code "true"} for label 1, {@code "false"} for 0.
 * The example id is {@code uid} (the original's question id); the reference keeps the label and {@code
 * identifier}. Features: {@code img0} then {@code img1}.
 */
public final class Nlvr2Dataset extends ItemDataset<Nlvr2Dataset.Item> {

    /** A parsed statement. */
    record Item(String uid, String identifier, String image0, String image1, String sentence, Integer label) {}

    private final String prompt;

    private Nlvr2Dataset(String split, List<Path> files, List<Item> items, FeatureStore store, ReaderOptions options) {
        super(Task.NLVR2, split, files, items, store);
        this.prompt = options.prompt(Task.NLVR2);
    }

    /**
     * @param split the split name(s) for messages
     * @param files the JSON files, concatenated in order
     * @param store where the image features live
     * @param options prompt options
     * @return the dataset
     * @throws AnnotationException on a missing/malformed file or key, a label other than 0/1, or an empty split
     */
    public static Nlvr2Dataset load(String split, List<Path> files, FeatureStore store, ReaderOptions options) {
        List<Item> items = new ArrayList<>();
        for (Path file : files) {
            JsonAnnotations.readList(file, r -> {
                Integer label = null;
                if (r.has("label")) {
                    label = r.integer("label");
                    if (label != 0 && label != 1) {
                        throw new AnnotationException(r.where() + ": NLVR2 label must be 0 or 1, found " + label);
                    }
                }
                items.add(new Item(r.id("uid"), r.string("identifier"), r.string("img0"), r.string("img1"),
                        r.string("sent"), label));
            });
        }
        return new Nlvr2Dataset(split, files, items, store, options);
    }

    @Override
    Example build(Item item, Random random) {
        String input = prompt + item.sentence();
        List<String> images = List.of(item.image0(), item.image1());
        if (item.label() == null) {
            return new Example(Task.NLVR2, item.uid(), input, null, 1f, images, null);
        }
        return new Example(Task.NLVR2, item.uid(), input, item.label() == 1 ? "true" : "false", 1f, images,
                new Reference.PairLabel(item.label(), item.identifier()));
    }
}
