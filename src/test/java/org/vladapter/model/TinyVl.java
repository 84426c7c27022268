package org.vladapter.model;

import org.vladapter.backbone.Backbone;
import org.vladapter.backbone.ModelConfig;
import org.vladapter.backbone.ModelType;
import org.vladapter.peft.MethodPreset;
import org.vladapter.tasks.Batch;
import org.vladapter.tasks.BatchCollator;
import org.vladapter.tasks.Example;
import org.vladapter.tasks.Task;
import org.vladapter.tokenize.TextEncoder;
import org.vladapter.vision.features.FeatureStore;
import org.vladapter.vision.features.FeatureStoreException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tiny VL models over the HF test checkpoints {@code bart-tiny} / {@code t5-tiny} (d 32, vocabulary 128),
 * with in-memory examples of the four image tasks, a whitespace tokenizer and a feature store of 7x7 grids of
 * width {@value #FEATURE_DIM}.
 */
public final class TinyVl {

    public static final int FEATURE_DIM = 16;
    public static final List<Task> TASKS = List.of(Task.VQA, Task.GQA, Task.NLVR2, Task.COCO_CAPTION);
    public static final long SEED = 1234;

    private TinyVl() {}

    /** The two tiny backbones. */
    public enum Tiny {
        BART("bart-tiny"), T5("t5-tiny");

        final String folder;

        Tiny(String folder) {
            this.folder = folder;
        }

        public Backbone backbone() {
            return Backbone.fromFolder(Path.of("src/test/resources/fixtures/hf", folder));
        }
    }

    public static VlAdapter.Builder builder(Tiny tiny, MethodPreset preset) {
        return VlAdapter.builder().backbone(tiny.backbone()).method(preset).tasks(TASKS)
                .featureDim(FEATURE_DIM).seed(SEED);
    }

    /**
     * Whitespace tokenizer with the backbone's special ids: words map to ids 3..82 by hash, well below the
     * checkpoint vocabulary (128) and the VL rows the visual object-order embedding reads (the top 36 rows).
     */
    public static final class Words implements TextEncoder {
        private final ModelConfig config;

        public Words(ModelConfig config) {
            this.config = config;
        }

        @Override
        public long[] encode(String text, int maxLength) {
            String[] words = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
            boolean bos = config.type() == ModelType.BART;
            int specials = bos ? 2 : 1;
            int keep = maxLength > 0 ? Math.min(words.length, maxLength - specials) : words.length;
            long[] out = new long[keep + specials];
            int i = 0;
            if (bos) {
                out[i++] = config.bosId();
            }
            for (int w = 0; w < keep; w++) {
                out[i++] = 3 + Math.floorMod(words[w].hashCode(), 80);
            }
            out[i] = config.eosId();
            return out;
        }

        @Override
        public String decode(long[] ids) {
            StringBuilder b = new StringBuilder();
            for (long id : ids) {
                if (id >= 3) {
                    b.append(b.length() == 0 ? "" : " ").append("w").append(id);
                }
            }
            return b.toString();
        }

        @Override
        public long padId() {
            return config.padId();
        }

        @Override
        public long eosId() {
            return config.eosId();
        }

        @Override
        public int vocabSize() {
            return config.vocabSize();
        }
    }

    /** 7x7 grids of random features, by image id. */
    public static final class Grids implements FeatureStore {
        private final Map<String, float[][]> features = new LinkedHashMap<>();

        public Grids(int width, String... ids) {
            Random random = new Random(99);
            for (String id : ids) {
                float[][] grid = new float[49][width];
                for (float[] row : grid) {
                    for (int j = 0; j < width; j++) {
                        row[j] = (float) random.nextGaussian();
                    }
                }
                features.put(id, grid);
            }
        }

        @Override
        public float[][] features(String id) {
            float[][] f = features.get(id);
            if (f == null) {
                throw new FeatureStoreException("no features for '" + id + "' in " + describe());
            }
            return f;
        }

        @Override
        public boolean contains(String id) {
            return features.containsKey(id);
        }

        @Override
        public String describe() {
            return "in-memory grids " + features.keySet();
        }
    }

    /** Two-example batches of each task, with targets. */
    public static Map<Task, Batch> batches(ModelConfig config) {
        Grids store = new Grids(FEATURE_DIM, "img1", "img2", "img3", "img4");
        Map<Task, Batch> out = new LinkedHashMap<>();
        try (BatchCollator collator = BatchCollator.builder().encoder(new Words(config)).build()) {
            out.put(Task.VQA, collator.collate(List.of(
                    new Example(Task.VQA, "q1", "vqa: what is the man holding", "umbrella", 0.9f, List.of("img1"), null),
                    new Example(Task.VQA, "q2", "vqa: how many dogs are there", "two", 1f, List.of("img2"), null)), store));
            out.put(Task.GQA, collator.collate(List.of(
                    new Example(Task.GQA, "g1", "gpa: is the sky blue", "yes", 1f, List.of("img3"), null),
                    new Example(Task.GQA, "g2", "gpa: what color is the car on the left", "red", 1f, List.of("img1"), null)),
                    store));
            out.put(Task.NLVR2, collator.collate(List.of(
                    new Example(Task.NLVR2, "n1", "nlvr: there are two dogs", "true", 1f, List.of("img1", "img2"), null),
                    new Example(Task.NLVR2, "n2", "nlvr: one image shows a cat", "false", 1f, List.of("img3", "img4"), null)),
                    store));
            out.put(Task.COCO_CAPTION, collator.collate(List.of(
                    new Example(Task.COCO_CAPTION, "c1", "caption:", "a man riding a horse on a beach", 1f, List.of("img4"), null),
                    new Example(Task.COCO_CAPTION, "c2", "caption:", "two dogs play", 1f, List.of("img2"), null)), store));
        }
        return out;
    }
}
