package org.vladapter.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process killed (SIGKILL) in the middle of an atomic write leaves the previous file or checkpoint directory
 * readable, and the next write succeeds.
 */
class KilledWriteTest {

    @TempDir
    Path dir;

    private static void killMidWrite(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                KilledWriterMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.contains("HALF-WRITTEN")) {
                // wait for the child to be in the middle of its write
            }
            assertThat(line).as("child output").isNotNull();
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void killedFileWriteKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("results.json");
        AtomicFiles.writeString(target, "old");
        killMidWrite("file", target.toString());
        assertThat(Files.readString(target)).isEqualTo("old");
        AtomicFiles.writeString(target, "next");
        assertThat(Files.readString(target)).isEqualTo("next");
    }

    @Test
    void killedCheckpointWriteKeepsTheOldCheckpointReadable() throws Exception {
        Path target = dir.resolve("last");
        AtomicDirectories.replaceDirectory(target, "state.json", d -> {
            Files.writeString(d.resolve("weights.bin"), "old weights");
            Files.writeString(d.resolve("state.json"), "done");
        });
        killMidWrite("dir", target.toString(), "state.json");
        Path readable = AtomicDirectories.readableDirectory(target, "state.json").orElseThrow();
        assertThat(Files.readString(readable.resolve("weights.bin"))).isEqualTo("old weights");
        AtomicDirectories.replaceDirectory(target, "state.json", d -> {
            Files.writeString(d.resolve("weights.bin"), "next weights");
            Files.writeString(d.resolve("state.json"), "done");
        });
        assertThat(Files.readString(AtomicDirectories.readableDirectory(target, "state.json").orElseThrow()
                .resolve("weights.bin"))).isEqualTo("next weights");
    }
}
