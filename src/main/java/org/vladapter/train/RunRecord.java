package org.vladapter.train;

import ai.djl.engine.Engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import org.vladapter.io.AtomicDirectories;
import org.vladapter.io.AtomicFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance of one run, in the spirit of Tribuo: every option, seed and version needed to rebuild a
 * result from its record, plus timings and final metrics. Serialised as JSON and written atomically.
 */
public final class RunRecord {

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private final Map<String, Object> configuration = new LinkedHashMap<>();
    private final Map<String, Long> seeds = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, Double> timingsSeconds = new LinkedHashMap<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private String startedAt;
    private String endedAt;
    private String status = "running";
    private String error;
    private String failedDuring;

    /** Creates a record stamped with the current time and a description of this machine and its libraries. */
    public RunRecord() {
        startedAt = Instant.now().toString();
        environment.putAll(describeEnvironment());
    }

    /**
     * Describes the software and hardware this JVM runs on.
     *
     * @return library, DJL, engine, Java and OS versions, CPU cores and maximum heap
     */
    public static Map<String, String> describeEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("library", "vl-adapter");
        env.put("libraryVersion", libraryVersion());
        env.put("djlVersion", String.valueOf(Engine.getDjlVersion()));
        Engine engine = Engine.getInstance();
        env.put("engine", engine.getEngineName());
        env.put("engineVersion", engine.getVersion());
        env.put("device", String.valueOf(engine.defaultDevice()));
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVendor", System.getProperty("java.vendor"));
        env.put("javaVm", System.getProperty("java.vm.name"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("arch", System.getProperty("os.arch"));
        env.put("cpuCores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        return env;
    }

    /** @return this library's version (the build's project version, {@link org.vladapter.io.LibraryVersion}) */
    public static String libraryVersion() {
        return org.vladapter.io.LibraryVersion.get();
    }

    /**
     * @param key an option name, e.g. {@code learningRate}
     * @param value its value (string, number, boolean, list or map)
     * @return this record
     */
    public RunRecord putConfiguration(String key, Object value) {
        configuration.put(key, value);
        return this;
    }

    /**
     * @param key what the seed seeds, e.g. {@code trainer}
     * @param seed the seed
     * @return this record
     */
    public RunRecord putSeed(String key, long seed) {
        seeds.put(key, seed);
        return this;
    }

    /**
     * @param key what was timed, e.g. {@code train}
     * @param seconds wall seconds
     * @return this record
     */
    public RunRecord putTiming(String key, double seconds) {
        timingsSeconds.put(key, seconds);
        return this;
    }

    /**
     * @param key the metric name, e.g. {@code test} (a map of task scores) or {@code finalLoss}
     * @param value a number or a map
     * @return this record
     */
    public RunRecord putMetric(String key, Object value) {
        metrics.put(key, value);
        return this;
    }

    /**
     * Stamps the end time and final status.
     *
     * @param finalStatus e.g. {@code finished} ({@link #fail} for failures)
     * @return this record
     */
    public RunRecord finish(String finalStatus) {
        endedAt = Instant.now().toString();
        status = finalStatus;
        return this;
    }

    /**
     * Stamps the end time and marks the run failed, keeping the error.
     *
     * @param stage what was running, e.g. {@code training} or {@code test}
     * @param e the error
     * @return this record
     */
    public RunRecord fail(String stage, Throwable e) {
        finish("failed");
        failedDuring = stage;
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        return this;
    }

    /** @return the error of a failed run ({@code ExceptionClass: message}), or {@code null} */
    public String error() {
        return error;
    }

    /** @return what was running when the run failed ({@code training}, {@code test}), or {@code null} */
    public String failedDuring() {
        return failedDuring;
    }

    /** @return the configuration recorded so far */
    public Map<String, Object> configuration() {
        return configuration;
    }

    /** @return the seeds recorded so far */
    public Map<String, Long> seeds() {
        return seeds;
    }

    /** @return the environment description */
    public Map<String, String> environment() {
        return environment;
    }

    /** @return the timings recorded so far, in seconds */
    public Map<String, Double> timings() {
        return timingsSeconds;
    }

    /** @return the metrics recorded so far */
    public Map<String, Object> metrics() {
        return metrics;
    }

    /** @return {@code running}, {@code finished} or {@code failed} (then {@link #error()} says why) */
    public String status() {
        return status;
    }

    /** @return the ISO-8601 start time */
    public String startedAt() {
        return startedAt;
    }

    /** @return the ISO-8601 end time, or {@code null} while running */
    public String endedAt() {
        return endedAt;
    }

    /** @return the record as pretty-printed JSON */
    public String toJson() {
        return GSON.toJson(this);
    }

    /** @return the record as a JSON tree */
    public JsonObject toJsonTree() {
        return GSON.toJsonTree(this).getAsJsonObject();
    }

    /**
     * @param json JSON written by {@link #toJson()}
     * @return the record
     */
    public static RunRecord fromJson(String json) {
        return GSON.fromJson(json, RunRecord.class);
    }

    /**
     * Writes the record atomically.
     *
     * @param file the target file, e.g. {@code run.json}
     */
    public void writeTo(Path file) {
        AtomicFiles.writeUnchecked(file, out -> out.write(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
