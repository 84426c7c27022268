package org.vladapter.shapes;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import org.vladapter.metrics.VqaAccuracy;
import org.vladapter.nn.Dense;
import org.vladapter.nn.Initializers;
import org.vladapter.nn.Module;
import org.vladapter.shapes.text.WordVocabulary;
import org.vladapter.train.AdamW;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How much the image matters on ShapesWorld's VQA-like and GQA-like tasks, measured with small answer
 * classifiers trained on the train split and scored on the test split (VQA: official 10-answer accuracy of
 * karpathy_test; GQA: exact match on testdev):
 *
 * <ul>
 *   <li><b>prior</b>: the most frequent training answer of the exact same question text (else of the whole
 *       training set) - the best any text-only model can do on a templated question it has seen;</li>
 *   <li><b>text-only MLP</b>: question tokens one-hot by position (12 positions) plus a bag of words, one hidden
 *       layer of 256 ReLU units;</li>
 *   <li><b>vision+text MLP</b>: the same, plus the frozen mini-CLIP grid: each of the 49 cells through a shared
 *       128-to-32 linear map and ReLU, flattened and also max- and mean-pooled over the grid, concatenated with
 *       the text features;</li>
 *   <li><b>question-conditioned cells</b>: as vision+text, but each cell's 32 units also receive a linear map of
 *       the question's text features before the ReLU, so a unit can fire for "the cell holds what the question
 *       names" (a red circle for "is there a red circle?") and the max- and mean-pooling over the grid then read
 *       presence and count. The plain MLP has to learn every colour-shape pairing of every cell separately from
 *       a few thousand questions;</li>
 *   <li><b>conditioned cells, true objects</b>: the question-conditioned probe on the grid a perfect encoder
 *       would give (each object's colour, shape, size and presence one-hot in the cell under its centre) instead
 *       of the mini-CLIP's: how far this learner gets when the features are not the limit.</li>
 * </ul>
 * It is a probe of the benchmark (is the answer in the image, and do the features carry it), not a VL-Adapter
 * model.
 */
public final class Baselines {

    private static final int POSITIONS = 12;

    private Baselines() {}

    /** One labelled question: its text, image, class and (VQA) ten answers. */
    private record Item(String question, String imageId, String answer, List<String> answers) {}

    /**
     * @param world a generated world
     * @param epochs training epochs of the MLPs
     * @param seed random seed
     * @param log progress lines
     * @return task to (baseline name to test score in [0, 1])
     */
    public static Map<String, Map<String, Double>> run(ShapesWorld world, int epochs, long seed, PrintStream log) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        List<Item> vqaTrain = world.data().vqa().get("karpathy_train").stream()
                .map(q -> new Item(q.question(), q.imageId(), q.majorityAnswer(), q.answers())).toList();
        List<Item> vqaTest = world.data().vqa().get("karpathy_test").stream()
                .map(q -> new Item(q.question(), q.imageId(), q.majorityAnswer(), q.answers())).toList();
        out.put("vqa", compare(world, vqaTrain, vqaTest, true, epochs, seed, log));
        List<Item> gqaTrain = world.data().gqa().get("train").stream()
                .map(q -> new Item(q.question(), q.imageId(), q.answer(), null)).toList();
        List<Item> gqaTest = world.data().gqa().get("testdev").stream()
                .map(q -> new Item(q.question(), q.imageId(), q.answer(), null)).toList();
        out.put("gqa", compare(world, gqaTrain, gqaTest, false, epochs, seed, log));
        return out;
    }

    private static Map<String, Double> compare(ShapesWorld world, List<Item> train, List<Item> test, boolean vqa, int epochs,
            long seed, PrintStream log) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> byQuestion = new HashMap<>();
        Map<String, Integer> overall = new HashMap<>();
        for (Item i : train) {
            byQuestion.computeIfAbsent(i.question(), k -> new HashMap<>()).merge(i.answer(), 1, Integer::sum);
            overall.merge(i.answer(), 1, Integer::sum);
        }
        List<String> prior = new ArrayList<>();
        for (Item i : test) {
            prior.add(argmax(byQuestion.getOrDefault(i.question(), overall)));
        }
        scores.put("prior", score(prior, test, vqa));
        List<String> classes = new ArrayList<>(overall.keySet());
        classes.sort(null);
        WordVocabulary vocabulary = WordVocabulary.build(train.stream().map(Item::question).toList());
        // each image's grid read once, for both probes that use the mini-CLIP's features
        Map<String, float[][]> clipGrids = grids(train, test, world::features);
        Map<String, float[][]> objectGrids = grids(train, test, id -> trueObjects(world.scene(id)));
        for (Kind kind : Kind.values()) {
            Map<String, float[][]> grids = kind == Kind.TEXT ? Map.of() : kind == Kind.ORACLE ? objectGrids : clipGrids;
            List<String> predicted = mlp(train, test, classes, vocabulary, kind, grids, epochs, seed);
            String name = kind.label;
            scores.put(name, score(predicted, test, vqa));
            log.printf(Locale.ROOT, "%s %s: %.3f%n", vqa ? "vqa" : "gqa", name, scores.get(name));
        }
        log.printf(Locale.ROOT, "%s prior: %.3f%n", vqa ? "vqa" : "gqa", scores.get("prior"));
        return scores;
    }

    private static String argmax(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }

    private static double score(List<String> predictions, List<Item> test, boolean vqa) {
        VqaAccuracy accuracy = VqaAccuracy.vlT5();
        double sum = 0;
        for (int i = 0; i < test.size(); i++) {
            sum += vqa ? accuracy.questionAccuracy(predictions.get(i), test.get(i).answers())
                    : predictions.get(i).equals(test.get(i).answer()) ? 1 : 0;
        }
        return sum / test.size();
    }

    /** The probes, in the order they are reported. */
    private enum Kind {
        TEXT("text-only MLP"), VISION("vision+text MLP"), CONDITIONED("question-conditioned cells"),
        ORACLE("conditioned cells, true objects");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return whether the cells also receive the question (the conditioned probes) */
        boolean conditioned() {
            return this == CONDITIONED || this == ORACLE;
        }
    }

    /** The probe network. */
    private static final class Probe extends Module {
        private final Dense cell;
        private final Dense condition;
        private final Dense hidden;
        private final Dense output;
        private final boolean vision;

        Probe(int textDim, int classes, Kind kind) {
            this.vision = kind != Kind.TEXT;
            this.cell = vision ? module("cell", new Dense(ShapesWorld.FEATURE_DIM, 32, true,
                    Initializers.normal(Math.sqrt(2.0 / ShapesWorld.FEATURE_DIM)), Initializers.zeros())) : null;
            this.condition = kind.conditioned() ? module("condition", new Dense(textDim, 32, false,
                    Initializers.normal(Math.sqrt(1.0 / textDim)), Initializers.zeros())) : null;
            int in = textDim + (vision ? 51 * 32 : 0);
            this.hidden = module("hidden", new Dense(in, 256, true, Initializers.normal(Math.sqrt(2.0 / in)), Initializers.zeros()));
            this.output = module("output", new Dense(256, classes, true, Initializers.normal(Math.sqrt(1.0 / 256)), Initializers.zeros()));
        }

        NDArray logits(NDArray text, NDArray grid) {
            NDArray x = text;
            if (vision) {
                NDArray pre = cell.forward(grid); // [B, 49, 32]
                if (condition != null) {
                    pre = pre.add(condition.forward(text).expandDims(1));
                }
                NDArray cells = Activation.relu(pre);
                // per-cell features by position, plus their max and mean over the grid (where-invariant presence)
                x = x.concat(cells.reshape(cells.getShape().get(0), -1), 1).concat(cells.max(new int[] {1}), 1)
                        .concat(cells.mean(new int[] {1}), 1);
            }
            return output.forward(Activation.relu(hidden.forward(x)));
        }
    }

    /** @return image id to grid [49][D] for every image of the two splits, from {@code source} */
    private static Map<String, float[][]> grids(List<Item> train, List<Item> test,
            java.util.function.Function<String, float[][]> source) {
        Map<String, float[][]> out = new HashMap<>();
        for (List<Item> split : List.of(train, test)) {
            for (Item i : split) {
                out.computeIfAbsent(i.imageId(), source);
            }
        }
        return out;
    }

    private static List<String> mlp(List<Item> train, List<Item> test, List<String> classes, WordVocabulary vocabulary,
            Kind kind, Map<String, float[][]> features, int epochs, long seed) {
        boolean vision = kind != Kind.TEXT;
        Map<String, Integer> words = new HashMap<>();
        for (String w : vocabulary.words()) {
            words.put(w, words.size());
        }
        int textDim = words.size() * (POSITIONS + 1);
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            Probe probe = new Probe(textDim, classes.size(), kind);
            probe.initialize(manager, DataType.FLOAT32);
            Random random = new Random(seed);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                order.add(i);
            }
            try (AdamW optimizer = AdamW.builder().parameters(probe.namedParameters()).weightDecay(0.01).build()) {
                for (int epoch = 0; epoch < epochs; epoch++) {
                    java.util.Collections.shuffle(order, random);
                    for (int b = 0; b < order.size(); b += 64) {
                        List<Item> batch = new ArrayList<>();
                        for (int k = b; k < Math.min(order.size(), b + 64); k++) {
                            batch.add(train.get(order.get(k)));
                        }
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            long[] labels = batch.stream().mapToLong(i -> classes.indexOf(i.answer())).toArray();
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                NDArray logits = probe.logits(text(manager, batch, words, textDim), grid(manager, batch, features, vision));
                                NDArray picked = logits.logSoftmax(1).gather(manager.create(labels, new Shape(labels.length, 1)), 1);
                                gc.backward(picked.mean().neg());
                            }
                            optimizer.step(1e-3);
                        }
                    }
                }
            }
            for (Parameter p : probe.namedParameters().values()) {
                p.getArray().setRequiresGradient(false);
            }
            List<String> out = new ArrayList<>();
            for (int b = 0; b < test.size(); b += 256) {
                List<Item> batch = test.subList(b, Math.min(test.size(), b + 256));
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    long[] best = probe.logits(text(manager, batch, words, textDim), grid(manager, batch, features, vision))
                            .argMax(1).toLongArray();
                    for (long c : best) {
                        out.add(classes.get((int) c));
                    }
                }
            }
            return out;
        }
    }

    /**
     * The grid a perfect encoder would give: each cell holding an object's centre carries that object's colour and
     * shape one-hot, its size and a presence bit, in the first 13 of the feature dimensions; every other value is 0.
     */
    private static float[][] trueObjects(Scene scene) {
        float[][] grid = new float[49][ShapesWorld.FEATURE_DIM];
        int colours = Colour.values().length;
        int shapes = ShapeKind.values().length;
        for (SceneObject o : scene.objects()) {
            float[] cell = grid[org.vladapter.shapes.clip.RegionPhrases.cell(o)];
            cell[o.colour().ordinal()] = 1;
            cell[colours + o.shape().ordinal()] = 1;
            cell[colours + shapes] = o.large() ? 1 : 0;
            cell[colours + shapes + 1] = 1;
        }
        return grid;
    }

    private static NDArray text(NDManager m, List<Item> batch, Map<String, Integer> words, int textDim) {
        float[] x = new float[batch.size() * textDim];
        int v = words.size();
        for (int b = 0; b < batch.size(); b++) {
            List<String> tokens = WordVocabulary.tokenize(batch.get(b).question());
            for (int t = 0; t < tokens.size(); t++) {
                Integer w = words.get(tokens.get(t));
                if (w == null) {
                    continue;
                }
                x[b * textDim + w] = 1f;
                if (t < POSITIONS) {
                    x[b * textDim + v * (t + 1) + w] = 1f;
                }
            }
        }
        return m.create(x, new Shape(batch.size(), textDim));
    }

    private static NDArray grid(NDManager m, List<Item> batch, Map<String, float[][]> features, boolean vision) {
        if (!vision) {
            return null;
        }
        int d = ShapesWorld.FEATURE_DIM;
        float[] x = new float[batch.size() * 49 * d];
        for (int b = 0; b < batch.size(); b++) {
            float[][] f = features.get(batch.get(b).imageId());
            for (int c = 0; c < 49; c++) {
                System.arraycopy(f[c], 0, x, (b * 49 + c) * d, d);
            }
        }
        return m.create(x, new Shape(batch.size(), 49, d));
    }
}
