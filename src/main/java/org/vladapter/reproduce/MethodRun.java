package org.vladapter.reproduce;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.vladapter.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished training run of one method with one seed: what a row of the results table is made of. Its
 * {@value #FILE} in the run folder is written last and atomically, so its presence means the run finished.
 *
 * @param method the method's command-line name, e.g. {@code single-adapter}
 * @param seed the seed
 * @param percentParams updated parameters as a percentage of all parameters of this model
 * @param scores the main score of each task (0-100; captions CIDEr-D x100), in the benchmark's task order
 * @param seconds wall time of the run (training and evaluation)
 * @param meanStepSeconds mean wall time of one training step
 * @param steps training steps
 * @param shuffledScores each task's score with every test item seeing another item's image (the image control,
 *     {@link org.vladapter.tasks.TaskDataset#withShuffledImages}); empty when the control was not run
 */
public record MethodRun(String method, long seed, double percentParams, Map<String, Double> scores, double seconds,
        double meanStepSeconds, long steps, Map<String, Double> shuffledScores) {

    /** The file in a run folder that records a finished run. */
    public static final String FILE = "row.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** Copies the scores, keeping their order. */
    public MethodRun {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        shuffledScores = shuffledScores == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(shuffledScores));
    }

    /** A run without the image control. */
    public MethodRun(String method, long seed, double percentParams, Map<String, Double> scores, double seconds,
            double meanStepSeconds, long steps) {
        this(method, seed, percentParams, scores, seconds, meanStepSeconds, steps, Map.of());
    }

    /**
     * @return the mean of the task scores (the paper's average; NaN when there are none)
     */
    public double average() {
        return scores.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /**
     * Writes {@value #FILE} into a run folder atomically.
     *
     * @param runDir the run folder
     */
    public void save(Path runDir) {
        AtomicFiles.writeUnchecked(runDir.resolve(FILE), out -> out.write(GSON.toJson(this).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * @param runDir a run folder
     * @return its finished run, or empty when the folder has no {@value #FILE}
     * @throws IllegalStateException naming the file when it cannot be read
     */
    public static java.util.Optional<MethodRun> load(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            MethodRun run = GSON.fromJson(Files.readString(file), MethodRun.class);
            if (run == null || run.method() == null || run.scores() == null) {
                throw new IllegalStateException(file + " is not a finished-run record");
            }
            return java.util.Optional.of(new MethodRun(run.method, run.seed, run.percentParams, run.scores, run.seconds,
                    run.meanStepSeconds, run.steps, run.shuffledScores));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalStateException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
