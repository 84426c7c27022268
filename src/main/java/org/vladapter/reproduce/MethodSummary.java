package org.vladapter.reproduce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the reproduce table: a method's runs over all seeds, as mean and sample standard deviation
 * (0 with one seed) of every task score and of the average.
 *
 * @param method the method's command-line name
 * @param percentParams updated parameters (%) of this benchmark's model
 * @param paperPercent the same method's updated parameters (%) on the paper's backbone and features
 * @param mean mean score per task
 * @param std sample standard deviation per task (0 with one seed)
 * @param average mean over seeds of the task average
 * @param averageStd its sample standard deviation
 * @param seconds mean wall time of one run (training and evaluation)
 * @param meanStepSeconds mean wall time of a training step
 * @param seeds number of seeds
 */
public record MethodSummary(String method, double percentParams, double paperPercent, Map<String, Double> mean,
        Map<String, Double> std, double average, double averageStd, double seconds, double meanStepSeconds, int seeds) {

    /** Copies the maps, keeping their order. */
    public MethodSummary {
        mean = Collections.unmodifiableMap(new LinkedHashMap<>(mean));
        std = Collections.unmodifiableMap(new LinkedHashMap<>(std));
    }

    /**
     * @param runs one method's finished runs (one per seed), at least one
     * @param tasks the task keys, in column order
     * @param paperPercent the paper's percentage for the method
     * @return the summary
     */
    static MethodSummary of(List<MethodRun> runs, List<String> tasks, double paperPercent) {
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> std = new LinkedHashMap<>();
        for (String t : tasks) {
            double[] v = runs.stream().mapToDouble(r -> r.scores().getOrDefault(t, Double.NaN)).toArray();
            mean.put(t, mean(v));
            std.put(t, std(v));
        }
        double[] avg = runs.stream().mapToDouble(MethodRun::average).toArray();
        return new MethodSummary(runs.get(0).method(), runs.get(0).percentParams(), paperPercent, mean, std, mean(avg),
                std(avg), mean(runs.stream().mapToDouble(MethodRun::seconds).toArray()),
                mean(runs.stream().mapToDouble(MethodRun::meanStepSeconds).toArray()), runs.size());
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Sample standard deviation (n - 1), 0 for one value. */
    static double std(double[] v) {
        if (v.length < 2) {
            return 0.0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
