package org.vladapter.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

class AtomicFilesTest {

    @TempDir Path dir;

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    @Test
    void writesBytesStringAndCallbackContent() throws IOException {
        Path a = dir.resolve("a.bin");
        AtomicFiles.write(a, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(a)).containsExactly(1, 2, 3);

        Path b = dir.resolve("b.txt");
        AtomicFiles.writeString(b, "café\n");
        assertThat(Files.readString(b, StandardCharsets.UTF_8)).isEqualTo("café\n");

        Path c = dir.resolve("c.txt");
        AtomicFiles.write(c, out -> {
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.close(); // closing early must not lose or truncate anything
        });
        assertThat(Files.readString(c)).isEqualTo("x");
        assertThat(filesIn(dir)).isEqualTo(3);
    }

    @Test
    void replacesAnExistingFileAndCreatesParents() throws IOException {
        Path target = dir.resolve("sub/deeper/report.json");
        AtomicFiles.writeString(target, "old");
        AtomicFiles.writeString(target, "new content");
        assertThat(Files.readString(target)).isEqualTo("new content");
        assertThat(filesIn(target.getParent())).isEqualTo(1);
    }

    @Test
    void failingCallbackLeavesOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.safetensors");
        AtomicFiles.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(IOException.class).hasMessageContaining("simulated");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(filesIn(dir)).as("temporary file removed").isEqualTo(1);
    }

    @Test
    void runtimeExceptionFromCallbackAlsoCleansUp() throws IOException {
        Path target = dir.resolve("fresh.txt");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new UncheckedIOException(new IOException("boom"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(target).doesNotExist();
        assertThat(filesIn(dir)).isZero();
    }
}
