package org.vladapter.backbone;

import ai.djl.ndarray.NDManager;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code Backbone.fromFolder(..).build(manager)} on broken copies of the fixture checkpoints: each failure is
 * an unchecked exception whose message says what is wrong and where (folder, file, key, tensor, shapes).
 */
class BackboneLoadingErrorsTest {

    @TempDir
    Path tmp;

    private static AbstractThrowableAssert<?, ? extends Throwable> loading(Path folder) {
        return assertThatThrownBy(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                Backbone.fromFolder(folder).build(manager);
            }
        }).isInstanceOf(RuntimeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void intactCopyLoads(String fixture) throws IOException {
        Path folder = BrokenCheckpoints.copy(fixture, tmp);
        try (NDManager manager = NDManager.newBaseManager()) {
            EncoderDecoder model = Backbone.fromFolder(folder).build(manager);
            assertThat(model.config().type().name().toLowerCase()).isEqualTo(fixture.substring(0, fixture.indexOf('-')));
        }
    }

    @Test
    void missingFolder() {
        Path folder = BrokenCheckpoints.missingFolder(tmp).folder();
        loading(folder).hasMessageContaining("model folder not found").hasMessageContaining(folder.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void missingConfig(String fixture) throws IOException {
        Path folder = BrokenCheckpoints.withoutConfig(fixture, tmp).folder();
        loading(folder).hasMessageContaining("missing config.json").hasMessageContaining(folder.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void unknownModelType(String fixture) throws IOException {
        Path folder = BrokenCheckpoints.withModelType(fixture, tmp, "gpt2").folder();
        loading(folder).hasMessageContaining("unknown model_type 'gpt2'")
                .hasMessageContaining(folder.resolve("config.json").toString()).hasMessageContaining("bart, t5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void missingWeightsFile(String fixture) throws IOException {
        Path folder = BrokenCheckpoints.copy(fixture, tmp);
        Files.delete(folder.resolve("model.safetensors"));
        loading(folder).hasMessageContaining("no model.safetensors").hasMessageContaining(folder.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void weightsTruncatedInHeader(String fixture) throws IOException {
        Path folder = BrokenCheckpoints.truncatedInHeader(fixture, tmp).folder();
        loading(folder).hasMessageContaining(folder.resolve("model.safetensors").toString())
                .hasMessageContaining("header length").hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void weightsTruncatedInData(String fixture) throws IOException {
        BrokenCheckpoints.Broken broken = BrokenCheckpoints.truncatedInData(fixture, tmp);
        loading(broken.folder()).hasMessageContaining(broken.folder().resolve("model.safetensors").toString())
                .hasMessageContaining("'" + broken.tensor() + "'").hasMessageContaining("outside the data section");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void corruptHeaderJson(String fixture) throws IOException {
        Path folder = BrokenCheckpoints.corruptHeaderJson(fixture, tmp).folder();
        loading(folder).hasMessageContaining("corrupt safetensors header")
                .hasMessageContaining(folder.resolve("model.safetensors").toString()).hasMessageContaining("JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void missingTensor(String fixture) throws IOException {
        BrokenCheckpoints.Broken broken = BrokenCheckpoints.withoutTensor(fixture, tmp);
        loading(broken.folder()).hasMessageContaining("missing tensor '" + broken.tensor() + "'")
                .hasMessageContaining(broken.folder().resolve("model.safetensors").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void shapeMismatch(String fixture) throws IOException {
        BrokenCheckpoints.Broken broken = BrokenCheckpoints.withTransposedTensor(fixture, tmp);
        loading(broken.folder()).hasMessageContaining("'" + broken.tensor() + "'")
                .hasMessageContaining(broken.folder().resolve("model.safetensors").toString())
                .hasMessageContaining("expected shape " + broken.expected())
                .hasMessageContaining("found " + broken.found());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart-tiny", "t5-tiny"})
    void unknownExtraTensor(String fixture) throws IOException {
        BrokenCheckpoints.Broken broken = BrokenCheckpoints.withExtraTensor(fixture, tmp);
        loading(broken.folder()).hasMessageContaining("unknown tensor(s)").hasMessageContaining(broken.tensor())
                .hasMessageContaining(broken.folder().resolve("model.safetensors").toString());
    }
}
