package org.vladapter.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import org.vladapter.io.AtomicDirectories;
import org.vladapter.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the {@code last} and {@code best} training checkpoints under one directory.
 *
 * <p>A checkpoint is a directory:
 * <ul>
 *   <li>{@value #PARAMETERS}: the trainable parameters under their model names (safetensors);
 *   <li>{@value #FIRST_MOMENTS}, {@value #SECOND_MOMENTS}: AdamW moments by parameter name;
 *   <li>{@value #RECORD}: the run's provenance record so far (JSON);
 *   <li>{@value #STATE}: epoch, steps, schedule, seed, per-parameter optimizer steps, best score, loss
 *       history (JSON); written last, it marks the checkpoint complete.
 * </ul>
 * Frozen parameters are not saved: the model must be rebuilt from the same base weights before loading.
 *
 * <p>Every save is atomic ({@link org.vladapter.io.AtomicDirectories#replaceDirectory}): the new checkpoint is written into a
 * hidden temporary directory and only then swapped in, so a crash mid-write leaves the previous
 * checkpoint readable; {@link #locate} also finds a checkpoint renamed aside by a crash during the swap.
 */
public final class Checkpointer {

    /** The checkpoint written after every epoch. */
    public static final String LAST = "last";
    /** The checkpoint of the best validation score. */
    public static final String BEST = "best";
    /** Trainable parameter tensors. */
    public static final String PARAMETERS = "parameters.safetensors";
    /** AdamW first moments. */
    public static final String FIRST_MOMENTS = "optimizer-exp_avg.safetensors";
    /** AdamW second moments. */
    public static final String SECOND_MOMENTS = "optimizer-exp_avg_sq.safetensors";
    /** Provenance record. */
    public static final String RECORD = "run.json";
    /** Counters and history; the completeness marker. */
    public static final String STATE = "state.json";

    // compact: the loss history has one entry per step
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final Path directory;

    /** @param directory where {@code last/} and {@code best/} live (created on first save) */
    public Checkpointer(Path directory) {
        this.directory = directory;
    }

    /** @return the checkpoint root directory */
    public Path directory() {
        return directory;
    }

    /**
     * Saves a checkpoint atomically.
     *
     * @param kind {@link #LAST} or {@link #BEST} (any simple name works)
     * @param snapshot what to save
     * @return the checkpoint directory
     */
    public Path save(String kind, TrainingSnapshot snapshot) {
        return saveWith(kind, dir -> {
            writeTensors(dir.resolve(PARAMETERS), snapshot.parameters());
            writeTensors(dir.resolve(FIRST_MOMENTS), snapshot.firstMoments());
            writeTensors(dir.resolve(SECOND_MOMENTS), snapshot.secondMoments());
            if (snapshot.runRecordJson() != null) {
                Files.writeString(dir.resolve(RECORD), snapshot.runRecordJson(), StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve(STATE), GSON.toJson(snapshot.state()), StandardCharsets.UTF_8);
        });
    }

    /**
     * Saves a checkpoint whose files are written by the caller, atomically; the writer must create
     * {@value #STATE} last. Exposed for custom contents and for testing interrupted writes.
     *
     * @param kind the checkpoint name
     * @param writer fills the temporary directory it is given
     * @return the checkpoint directory
     */
    public Path saveWith(String kind, AtomicDirectories.Filler writer) {
        Path target = directory.resolve(kind);
        AtomicDirectories.replaceDirectory(target, STATE, writer);
        return target;
    }

    /**
     * @param kind the checkpoint name
     * @return the complete checkpoint directory to read, if any
     */
    public Optional<Path> locate(String kind) {
        return AtomicDirectories.readableDirectory(directory.resolve(kind), STATE);
    }

    /**
     * Reads only the JSON state of a checkpoint.
     *
     * @param kind the checkpoint name
     * @return the state, or empty when there is no complete checkpoint of that name
     */
    public Optional<CheckpointState> loadState(String kind) {
        return locate(kind).map(Checkpointer::readState);
    }

    /**
     * Loads a checkpoint.
     *
     * @param kind the checkpoint name
     * @param manager the manager that owns the loaded arrays (close it when done)
     * @return the snapshot, or empty when there is no complete checkpoint of that name
     */
    public Optional<TrainingSnapshot> load(String kind, NDManager manager) {
        return locate(kind).map(dir -> {
            CheckpointState state = readState(dir);
            if (state.formatVersion() != CheckpointState.FORMAT_VERSION) {
                throw new IllegalStateException(
                        "checkpoint " + dir + " has format version " + state.formatVersion() + ", expected "
                                + CheckpointState.FORMAT_VERSION);
            }
            Map<String, NDArray> params = readTensors(dir.resolve(PARAMETERS), manager);
            Map<String, NDArray> m = readTensors(dir.resolve(FIRST_MOMENTS), manager);
            Map<String, NDArray> v = readTensors(dir.resolve(SECOND_MOMENTS), manager);
            String record = null;
            Path recordFile = dir.resolve(RECORD);
            if (Files.isRegularFile(recordFile)) {
                record = read(recordFile);
            }
            return new TrainingSnapshot(params, m, v, state, record);
        });
    }

    private static CheckpointState readState(Path dir) {
        Path file = dir.resolve(STATE);
        try {
            CheckpointState s = GSON.fromJson(read(file), CheckpointState.class);
            if (s == null) {
                throw new IllegalStateException("empty checkpoint state " + file);
            }
            return s;
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalStateException("malformed checkpoint state " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NDArray> readTensors(Path file, NDManager manager) {
        try (org.vladapter.io.SafeTensorsFile f = org.vladapter.io.SafeTensorsFile.open(file)) {
            return f.loadAll(manager);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read checkpoint tensors " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeTensors(Path file, Map<String, NDArray> arrays) throws IOException {
        org.vladapter.io.SafeTensorsWriter writer = new org.vladapter.io.SafeTensorsWriter();
        arrays.forEach(writer::add);
        writer.write(file);
    }
}
