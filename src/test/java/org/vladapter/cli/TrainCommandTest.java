package org.vladapter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.backbone.FixtureTensors;
import org.vladapter.tasks.ReleaseFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vladapter train} on a miniature release with a tiny BART checkpoint and tokenizer. */
class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsOneEpochAndWritesTheRunFolder() throws Exception {
        ReleaseFixture fixture = ReleaseFixture.create(dir);
        Path model = dir.resolve("bart-tiny");
        Files.createDirectories(model);
        for (String f : new String[] {"config.json", "generation_config.json", "model.safetensors"}) {
            Files.copy(FixtureTensors.folder("bart-tiny").resolve(f), model.resolve(f));
        }
        Files.copy(Paths.get("src/test/resources/fixtures/python/bart_tokenizer.json"), model.resolve("tokenizer.json"));
        Path run = dir.resolve("run");
        int code = Main.run("train", "--data", fixture.root().toString(), "--backbone", model.toString(),
                "--method", "multiple-lora", "--tasks", "vqa,nlvr", "--epochs", "1", "--batch-size", "2",
                "--eval-batch-size", "2", "--no-test", "--out", run.toString());
        assertThat(code).isZero();
        assertThat(run.resolve("results.csv")).exists();
        assertThat(run.resolve("checkpoints/last")).exists();
                assertThat(Files.readString(run.resolve("run.json"))).contains("\"LORA\"", "MULTIPLE", "9595");
    }
}
