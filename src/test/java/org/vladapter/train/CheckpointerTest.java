package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

class CheckpointerTest {

    private static TrainingSnapshot snapshot(NDManager manager, int epoch, float value) {
        NDArray w = manager.full(new Shape(2, 3), value);
        NDArray m = manager.full(new Shape(2, 3), value / 10);
        NDArray v = manager.full(new Shape(2, 3), value / 100);
        TrainingHistory h = new TrainingHistory();
        h.addLoss(new LossRecord(0, 0, 0, "vqa", 1.25f, 1e-4, 3.5));
        CheckpointState s = new CheckpointState(
                CheckpointState.FORMAT_VERSION, epoch, 10L * epoch, 10L * epoch, 100, 10, 9595,
                Map.of("enc.w", 10L * epoch), 0.5, 0, h, "now");
        return new TrainingSnapshot(Map.of("enc.w", w), Map.of("enc.w", m), Map.of("enc.w", v), s, "{\"status\":\"running\"}");
    }

    @Test
    void roundTripsTensorsStateAndHistory(@TempDir Path tmp) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpointer ck = new Checkpointer(tmp);
            Path dir = ck.save(Checkpointer.LAST, snapshot(manager, 2, 4f));
            assertThat(dir).isEqualTo(tmp.resolve("last"));
            assertThat(dir.resolve(Checkpointer.PARAMETERS)).exists();
            TrainingSnapshot back = ck.load(Checkpointer.LAST, manager).orElseThrow();
            assertThat(back.parameters().get("enc.w").getShape()).isEqualTo(new Shape(2, 3));
            assertThat(back.parameters().get("enc.w").toFloatArray()).containsOnly(4f);
            assertThat(back.secondMoments().get("enc.w").toFloatArray()).containsOnly(0.04f);
            assertThat(back.state().epochsCompleted()).isEqualTo(2);
            assertThat(back.state().optimizerSteps()).containsEntry("enc.w", 20L);
            assertThat(back.state().history().losses()).containsExactly(new LossRecord(0, 0, 0, "vqa", 1.25f, 1e-4, 3.5));
            assertThat(back.runRecordJson()).contains("running");
            assertThat(ck.load(Checkpointer.BEST, manager)).isEmpty();
        }
    }

    @Test
    void aWriteThatDiesHalfwayLeavesThePreviousCheckpointReadable(@TempDir Path tmp) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpointer ck = new Checkpointer(tmp);
            ck.save(Checkpointer.LAST, snapshot(manager, 1, 1f));
            assertThatThrownBy(() -> ck.saveWith(Checkpointer.LAST, dir -> {
                Files.writeString(dir.resolve(Checkpointer.PARAMETERS), "half a tensor");
                throw new IOException("simulated crash while writing");
            })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("simulated crash");

            TrainingSnapshot back = ck.load(Checkpointer.LAST, manager).orElseThrow();
            assertThat(back.state().epochsCompleted()).isEqualTo(1);
            assertThat(back.parameters().get("enc.w").toFloatArray()).containsOnly(1f);
            assertThat(hiddenEntries(tmp)).as("temporary directory removed").isEmpty();
        }
    }

    @Test
    void aCrashBetweenTheTwoRenamesIsRecovered(@TempDir Path tmp) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpointer ck = new Checkpointer(tmp);
            ck.save(Checkpointer.LAST, snapshot(manager, 3, 3f));
            // the state a process leaves when it dies after moving the old checkpoint aside
            Files.move(tmp.resolve("last"), tmp.resolve(".last.old-dead"), StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectory(tmp.resolve(".last.tmp-dead"));
            assertThat(ck.locate(Checkpointer.LAST)).contains(tmp.resolve(".last.old-dead"));
            assertThat(ck.loadState(Checkpointer.LAST).orElseThrow().epochsCompleted()).isEqualTo(3);

            ck.save(Checkpointer.LAST, snapshot(manager, 4, 4f));
            assertThat(ck.locate(Checkpointer.LAST)).contains(tmp.resolve("last"));
            assertThat(ck.loadState(Checkpointer.LAST).orElseThrow().epochsCompleted()).isEqualTo(4);
            assertThat(hiddenEntries(tmp)).as("leftovers cleaned").isEmpty();
        }
    }

    @Test
    void aDirectoryWithoutItsMarkerIsNotACheckpoint(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("last"));
        Files.writeString(tmp.resolve("last").resolve(Checkpointer.PARAMETERS), "partial");
        assertThat(new Checkpointer(tmp).locate(Checkpointer.LAST)).isEmpty();
        assertThatThrownBy(() -> new Checkpointer(tmp).saveWith("x", dir -> Files.writeString(dir.resolve("a"), "b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("marker file 'state.json'");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    private static java.util.List<Path> hiddenEntries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
