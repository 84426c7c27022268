package org.vladapter.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.shapes.ShapesWorld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The data stamp in reproduce.json: a regenerated world in the same folder is another configuration. */
class DataStampTest {

    @TempDir
    Path dir;

    @Test
    void theShapesWorldStampIsRecordedAndAChangedOneIsADifference() throws Exception {
        Files.writeString(dir.resolve(ShapesWorld.STAMP), "{\n  \"generator_version\": 3,\n  \"seed\": 2022\n}");
        String v3 = Reproduce.dataStamp(dir);
        assertThat(v3).isEqualTo("{\"generator_version\":3,\"seed\":2022}");
        Files.writeString(dir.resolve(ShapesWorld.STAMP), "{\"generator_version\": 4, \"seed\": 2022}");
        String v4 = Reproduce.dataStamp(dir);
        ReproduceSettings before = new ReproduceSettings(Map.of("data_stamp", v3));
        ReproduceSettings now = new ReproduceSettings(Map.of("data_stamp", v4));
        assertThat(now.differences(before)).singleElement().asString().contains("data_stamp").contains("\"generator_version\":3");
    }

    @Test
    void otherDataSaysSoAndACorruptStampNamesItsFile() throws Exception {
        assertThat(Reproduce.dataStamp(dir)).isEqualTo("none (not ShapesWorld)");
        Files.writeString(dir.resolve(ShapesWorld.STAMP), "{\"generator_version\": ");
        assertThatThrownBy(() -> Reproduce.dataStamp(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ShapesWorld.STAMP);
    }
}
