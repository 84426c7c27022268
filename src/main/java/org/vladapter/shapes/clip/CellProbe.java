package org.vladapter.shapes.clip;

import org.vladapter.shapes.Scene;
import org.vladapter.shapes.SceneObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * How much of an object the frozen grid keeps where the object is: a linear (softmax) probe from the feature of
 * the grid cell holding an object's centre to that object's colour, shape and size, trained on the objects of
 * some scenes and scored on the objects of others. A VL model can only answer "what shape is the red object?" if
 * the cells carry shape; contrastive retrieval alone does not show it (colour and count can tell scenes apart).
 *
 * <p>Plain Java, deterministic: features standardised on the training objects, 60 epochs of SGD (learning rate
 * 0.01, L2 1e-4) in a seeded order.
 */
public final class CellProbe {

    /**
     * Held-out accuracies of the three probes and their majority-class baselines, in [0, 1].
     *
     * @param colour colour probe accuracy
     * @param shape shape probe accuracy
     * @param size size (large / small) probe accuracy
     * @param colourMajority the most frequent training colour's held-out accuracy
     * @param shapeMajority the most frequent training shape's held-out accuracy
     * @param sizeMajority the most frequent training size's held-out accuracy
     * @param objects held-out objects scored
     */
    public record Result(double colour, double shape, double size, double colourMajority, double shapeMajority,
            double sizeMajority, int objects) {

        /** @return e.g. {@code colour 98.5 % (majority 17.3), shape 55.2 % (20.5), size 92.3 % (48.0) over 1320 held-out objects} */
        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "colour %.1f %% (majority %.1f), shape %.1f %% (%.1f), size %.1f %% (%.1f) over %d held-out objects",
                    100 * colour, 100 * colourMajority, 100 * shape, 100 * shapeMajority, 100 * size, 100 * sizeMajority, objects);
        }
    }

    private CellProbe() {}

    /**
     * @param scenes the scenes (the first 80 % train the probes, the rest score them)
     * @param grids each scene's grid [49][D] in the same order
     * @return the probes' held-out accuracies
     */
    public static Result run(List<Scene> scenes, List<float[][]> grids) {
        if (scenes.size() != grids.size() || scenes.size() < 5) {
            throw new IllegalArgumentException("need at least 5 scenes with one grid each, got " + scenes.size() + " / " + grids.size());
        }
        List<float[]> x = new ArrayList<>();
        List<SceneObject> objects = new ArrayList<>();
        int split = -1;
        for (int i = 0; i < scenes.size(); i++) {
            if (i == scenes.size() * 4 / 5) {
                split = x.size();
            }
            for (SceneObject o : scenes.get(i).objects()) {
                x.add(grids.get(i)[RegionPhrases.cell(o)]);
                objects.add(o);
            }
        }
        double[] colour = probe(x, labels(objects, o -> o.colour().ordinal()), split);
        double[] shape = probe(x, labels(objects, o -> o.shape().ordinal()), split);
        double[] size = probe(x, labels(objects, o -> o.large() ? 1 : 0), split);
        return new Result(colour[0], shape[0], size[0], colour[1], shape[1], size[1], x.size() - split);
    }

    private static int[] labels(List<SceneObject> objects, ToIntFunction<SceneObject> label) {
        return objects.stream().mapToInt(label).toArray();
    }

    /** @return {held-out accuracy, majority-class held-out accuracy} */
    private static double[] probe(List<float[]> x, int[] y, int split) {
        int d = x.get(0).length;
        int k = java.util.Arrays.stream(y).max().orElse(0) + 1;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int i = 0; i < split; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i)[j] / split;
            }
        }
        for (int i = 0; i < split; i++) {
            for (int j = 0; j < d; j++) {
                std[j] += Math.pow(x.get(i)[j] - mean[j], 2) / split;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j]) + 1e-6;
        }
        double[][] w = new double[k][d + 1];
        Random order = new Random(1);
        double[] z = new double[k];
        double[] f = new double[d];
        for (int t = 0; t < 60 * split; t++) {
            int i = order.nextInt(split);
            standardise(x.get(i), mean, std, f);
            softmax(w, f, z);
            for (int c = 0; c < k; c++) {
                double g = z[c] - (y[i] == c ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    w[c][j] -= 0.01 * (g * f[j] + 1e-4 * w[c][j]);
                }
                w[c][d] -= 0.01 * g;
            }
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < split; i++) {
            counts.merge(y[i], 1, Integer::sum);
        }
        int majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int right = 0;
        int majorityRight = 0;
        for (int i = split; i < x.size(); i++) {
            standardise(x.get(i), mean, std, f);
            softmax(w, f, z);
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = z[c] > z[best] ? c : best;
            }
            right += best == y[i] ? 1 : 0;
            majorityRight += y[i] == majority ? 1 : 0;
        }
        int n = x.size() - split;
        return new double[] {right / (double) n, majorityRight / (double) n};
    }

    private static void standardise(float[] x, double[] mean, double[] std, double[] out) {
        for (int j = 0; j < out.length; j++) {
            out[j] = (x[j] - mean[j]) / std[j];
        }
    }

    private static void softmax(double[][] w, double[] f, double[] z) {
        int d = f.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < z.length; c++) {
            double s = w[c][d];
            for (int j = 0; j < d; j++) {
                s += w[c][j] * f[j];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
    }
}
