package org.vladapter.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

class RunRecordTest {

    @Test
    void recordsEnvironmentConfigurationAndMetricsAsJson(@TempDir Path tmp) throws Exception {
        RunRecord r = new RunRecord()
                .putConfiguration("method", "single_adapter")
                .putConfiguration("learningRate", 1e-3)
                .putSeed("trainer", 9595)
                .putTiming("train", 12.5)
                .putMetric("test", Map.of("vqa", 65.9));
        r.finish("finished");
        Path file = tmp.resolve("sub").resolve("run.json");
        r.writeTo(file);
        JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        JsonObject env = json.getAsJsonObject("environment");
        assertThat(env.get("engine").getAsString()).isEqualTo("PyTorch");
        assertThat(env.get("engineVersion").getAsString()).isNotBlank();
        assertThat(env.get("djlVersion").getAsString()).startsWith("0.36");
        assertThat(env.get("javaVersion").getAsString()).isEqualTo(System.getProperty("java.version"));
        assertThat(Integer.parseInt(env.get("cpuCores").getAsString())).isPositive();
        assertThat(json.get("startedAt").getAsString()).isNotBlank();
        assertThat(json.get("endedAt").getAsString()).isNotBlank();
        assertThat(json.getAsJsonObject("seeds").get("trainer").getAsLong()).isEqualTo(9595);

        RunRecord back = RunRecord.fromJson(Files.readString(file));
        assertThat(back.configuration()).containsEntry("method", "single_adapter");
        assertThat(back.status()).isEqualTo("finished");
        assertThat(back.timings()).containsEntry("train", 12.5);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("run.json");
        }
    }
}
