package org.vladapter.peft;

import ai.djl.nn.Parameter;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Counts of trainable and total parameters, as the paper's "% updated parameters" (docs/behaviour.md#parameter-percentages):
 * {@code 100 × Σ numel(trainable) / Σ numel(all unique parameters)}. Counting goes over a model's
 * {@code namedParameters()}, which lists a shared tensor once, so a Single module counts once; buffers of
 * the original ({@link TrainableSelector#isBuffer}) are left out.
 *
 * <p>{@link #line()} prints HF PEFT's line, {@link #table()} a per-module Tablesaw table.
 */
public final class ParameterSummary {

    private final Map<String, long[]> rows; // name -> {numel, trainable ? 1 : 0}
    private final long trainable;
    private final long total;

    private ParameterSummary(Map<String, long[]> rows) {
        this.rows = rows;
        long t = 0;
        long all = 0;
        for (long[] r : rows.values()) {
            all += r[0];
            t += r[1] == 1 ? r[0] : 0;
        }
        this.trainable = t;
        this.total = all;
    }

    /**
     * @param parameters a model's {@code namedParameters()}; trainable = {@link Parameter#requiresGradient()}
     * @return the summary
     */
    public static ParameterSummary of(Map<String, Parameter> parameters) {
        return of(parameters, name -> parameters.get(name).requiresGradient());
    }

    /**
     * @param parameters a model's {@code namedParameters()} (shapes are enough; arrays need not exist)
     * @param trainable which names train, e.g. {@code TrainableSelector::isTrainable}
     * @return the summary
     */
    public static ParameterSummary of(Map<String, Parameter> parameters, Predicate<String> trainable) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (e.getValue().getShape() == null) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has no shape; cannot count it");
            }
            sizes.put(e.getKey(), e.getValue().getShape().size());
        }
        return ofSizes(sizes, trainable);
    }

    /**
     * @param sizes number of elements by parameter name (unique tensors only)
     * @param trainable which names train
     * @return the summary
     */
    public static ParameterSummary ofSizes(Map<String, Long> sizes, Predicate<String> trainable) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            if (TrainableSelector.isBuffer(e.getKey())) {
                continue;
            }
            rows.put(e.getKey(), new long[] {e.getValue(), trainable.test(e.getKey()) ? 1 : 0});
        }
        return new ParameterSummary(rows);
    }

    /** @return the number of trainable elements */
    public long trainableParams() {
        return trainable;
    }

    /** @return the number of elements of all (unique) parameters */
    public long allParams() {
        return total;
    }

    /** @return 100 × trainable / all (0 for an empty model) */
    public double trainablePercent() {
        return total == 0 ? 0 : 100.0 * trainable / total;
    }

    /**
     * @return {@code trainable params: N || all params: M || trainable%: x} as HF PEFT prints it, the percentage
     *     rounded to two decimals like every percentage the library prints (HF prints four)
     */
    public String line() {
        return String.format(Locale.ROOT, "trainable params: %,d || all params: %,d || trainable%%: %.2f",
                trainable, total, trainablePercent());
    }

    /**
     * Per-module counts, with layer indices collapsed to {@code *} (e.g.
     * {@code encoder.layers.*.attn_adapter.adapters.vqa.down_sampler}), in first-seen order.
     *
     * @return a table with columns module, trainable, total, trainable %
     */
    public Table table() {
        return group(name -> {
            String[] s = name.split("\\.");
            return Arrays.stream(s, 0, Math.max(1, s.length - 1))
                    .map(seg -> seg.chars().allMatch(Character::isDigit) && s.length > 1 ? "*" : seg)
                    .collect(Collectors.joining("."));
        });
    }

    /**
     * Counts grouped by the first {@code depth} name segments (layer indices kept).
     *
     * @param depth the number of leading segments, at least 1
     * @return a table with columns module, trainable, total, trainable %
     */
    public Table table(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        return group(name -> {
            String[] s = name.split("\\.");
            return String.join(".", Arrays.copyOf(s, Math.min(depth, s.length)));
        });
    }

    private Table group(java.util.function.Function<String, String> key) {
        Map<String, long[]> groups = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long[] g = groups.computeIfAbsent(key.apply(e.getKey()), k -> new long[2]);
            g[1] += e.getValue()[0];
            g[0] += e.getValue()[1] == 1 ? e.getValue()[0] : 0;
        }
        StringColumn module = StringColumn.create("module");
        LongColumn trainableCol = LongColumn.create("trainable");
        LongColumn totalCol = LongColumn.create("total");
        DoubleColumn percent = DoubleColumn.create("trainable %");
        for (Map.Entry<String, long[]> e : groups.entrySet()) {
            module.append(e.getKey());
            trainableCol.append(e.getValue()[0]);
            totalCol.append(e.getValue()[1]);
            percent.append(e.getValue()[1] == 0 ? 0 : java.math.BigDecimal.valueOf(100.0 * e.getValue()[0] / e.getValue()[1])
                    .setScale(2, java.math.RoundingMode.HALF_UP).doubleValue());
        }
        return Table.create("parameters", module, trainableCol, totalCol, percent);
    }

    @Override
    public String toString() {
        return line();
    }
}
