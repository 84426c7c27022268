package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A folder with only pytorch_model.bin loads the same model as the same weights in model.safetensors. */
class TorchCheckpointLoadingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"bart-tiny-bin, bart-tiny", "t5-tiny-legacy, t5-tiny"})
    void binFolderLoadsTheSameWeightsAsSafetensors(String binFixture, String safetensorsFixture) throws Exception {
        Path bin = Path.of("src/test/resources/fixtures/torch", binFixture);
        assertThat(bin.resolve("model.safetensors")).doesNotExist();
        Backbone fromBin = Backbone.fromFolder(bin);
        assertThat(fromBin.weightsFile().getFileName().toString()).isEqualTo("pytorch_model.bin");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> a = fromBin.build(m).namedParameters();
            Map<String, Parameter> b = Backbone.fromFolder(FixtureTensors.folder(safetensorsFixture)).build(m).namedParameters();
            assertThat(a.keySet()).isEqualTo(b.keySet());
            for (String name : a.keySet()) {
                try (NDArray d = a.get(name).getArray().sub(b.get(name).getArray()).abs().max()) {
                    assertThat(d.getFloat()).as(name).isEqualTo(0f);
                }
            }
        }
        assertThat(fromBin.fingerprint()).hasSize(16)
                .isNotEqualTo(Backbone.fromFolder(FixtureTensors.folder(safetensorsFixture)).fingerprint());
    }

    @Test
    void safetensorsIsPreferredAndAnEmptyFolderNamesBothFiles() throws Exception {
        Path src = Path.of("src/test/resources/fixtures/torch/bart-tiny-bin");
        Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
        assertThatThrownBy(() -> Backbone.fromFolder(dir).weightsFile())
                .hasMessageContaining("no model.safetensors or pytorch_model.bin").hasMessageContaining(dir.toString());
        Files.copy(src.resolve("pytorch_model.bin"), dir.resolve("pytorch_model.bin"));
        Files.copy(FixtureTensors.folder("bart-tiny").resolve("model.safetensors"), dir.resolve("model.safetensors"));
        assertThat(Backbone.fromFolder(dir).weightsFile().getFileName().toString()).isEqualTo("model.safetensors");
    }

    @Test
    void aHostileBinIsRefusedWhenTheBackboneIsBuilt() throws Exception {
        Files.copy(Path.of("src/test/resources/fixtures/torch/bart-tiny-bin/config.json"), dir.resolve("config.json"));
        Files.copy(Path.of("src/test/resources/fixtures/torch/malicious.bin"), dir.resolve("pytorch_model.bin"));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Backbone.fromFolder(dir).build(m))
                    .hasMessageContaining(dir.resolve("pytorch_model.bin").toString())
                    .hasMessageContaining("refused pickle opcode");
        }
    }
}
