package org.vladapter.tasks;

import org.vladapter.text.PythonText;

import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * COCO captioning on Karpathy's split file {@code COCO/dataset_coco.json} ({@code {"images": [{"filename",
 * "split": "train|restval|val|test", "sentences": [{"raw", ...}], ...}]}}), with {@code restval} counted as
 * train.
 *
 * <p>Training: one item per sentence, target {@code raw.strip()}, id {@code img_id#k}. Validation/test: one
 * item per image (id {@code img_id}) without a target. Every item's reference lists all stripped sentences of
 * its image. The image id is the file name up to its first dot ({@code COCO_val2014_000000391895}). Input: the
 * prompt alone ({@code "caption: "}, or {@code ""} when prompts are off).
 */
public final class CocoCaptionDataset extends ItemDataset<CocoCaptionDataset.Item> {

    /** A parsed item: an image, and for training items one of its sentences. */
    record Item(String id, String imageId, String target, List<String> references) {}

    private final String prompt;

    private CocoCaptionDataset(String split, Path file, List<Item> items, FeatureStore store, ReaderOptions options) {
        super(Task.COCO_CAPTION, split, List.of(file), items, store);
        this.prompt = options.prompt(Task.COCO_CAPTION);
    }

    /**
     * @param split {@code karpathy_train}, {@code karpathy_val} or {@code karpathy_test} (or the bare {@code
     *     train}/{@code val}/{@code test}; only the part after the last underscore counts, as in the original)
     * @param karpathyFile {@code dataset_coco.json}
     * @param store where the image features live
     * @param options prompt options
     * @return the dataset
     * @throws AnnotationException on a missing/malformed file or key, an unknown split name, or an empty split
     */
    public static CocoCaptionDataset load(String split, Path karpathyFile, FeatureStore store, ReaderOptions options) {
        String wanted = split.substring(split.lastIndexOf('_') + 1).toLowerCase(Locale.ROOT);
        if (!List.of("train", "val", "test").contains(wanted)) {
            throw new AnnotationException("unknown COCO caption split '" + split + "' (use karpathy_train, karpathy_val or karpathy_test)");
        }
        boolean training = wanted.equals("train");
        List<Item> items = new ArrayList<>();
        JsonAnnotations.readListField(karpathyFile, "images", r -> {
            String fileSplit = r.string("split");
            String renamed = switch (fileSplit) {
                case "train", "restval" -> "train";
                case "val", "test" -> fileSplit;
                default -> throw new AnnotationException(r.where() + ": unknown Karpathy split '" + fileSplit + "'");
            };
            if (!renamed.equals(wanted)) {
                return;
            }
            String filename = r.string("filename");
            int dot = filename.indexOf('.');
            String imageId = dot < 0 ? filename : filename.substring(0, dot);
            if (!r.get("sentences").isJsonArray()) {
                throw new AnnotationException(r.where() + ": key 'sentences' must be a list");
            }
            List<String> references = new ArrayList<>();
            for (var sentence : r.get("sentences").getAsJsonArray()) {
                if (!sentence.isJsonObject() || !sentence.getAsJsonObject().has("raw")) {
                    throw new AnnotationException(r.where() + ": a sentence of " + imageId + " has no 'raw'");
                }
                references.add(PythonText.strip(sentence.getAsJsonObject().get("raw").getAsString()));
            }
            List<String> shared = List.copyOf(references);
            if (training) {
                for (int k = 0; k < shared.size(); k++) {
                    items.add(new Item(imageId + "#" + k, imageId, shared.get(k), shared));
                }
            } else {
                items.add(new Item(imageId, imageId, null, shared));
            }
        });
        return new CocoCaptionDataset(split, karpathyFile, items, store, options);
    }

    @Override
    Example build(Item item, Random random) {
        return new Example(Task.COCO_CAPTION, item.id(), prompt, item.target(), 1f, List.of(item.imageId()),
                new Reference.Captions(item.references()));
    }
}
