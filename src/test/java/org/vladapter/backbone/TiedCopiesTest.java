package org.vladapter.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.io.SafeTensorsFile;
import org.vladapter.io.SafeTensorsWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copies of the shared embedding in a checkpoint (T5's embed_tokens) must equal it, or loading fails. */
class TiedCopiesTest {

    @TempDir
    Path dir;

    @Test
    void untiedEmbedTokensCopyIsRefusedNamingTheTensor() throws Exception {
        Path src = FixtureTensors.folder("t5-v1_1-tiny");
        for (String f : new String[] {"config.json", "generation_config.json"}) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        try (NDManager m = NDManager.newBaseManager(); SafeTensorsFile in = SafeTensorsFile.open(src.resolve("model.safetensors"))) {
            Map<String, NDArray> all = in.loadAll(m);
            assertThat(all).containsKey("encoder.embed_tokens.weight");
            SafeTensorsWriter w = new SafeTensorsWriter();
            all.forEach((name, a) -> w.add(name, name.equals("encoder.embed_tokens.weight") ? a.add(0.5f) : a));
            w.write(dir.resolve("model.safetensors"));
            // the unmodified checkpoint loads (its copies equal shared.weight)
            assertThat(Backbone.fromFolder(src).build(m).config().tieWordEmbeddings()).isFalse();
            assertThatThrownBy(() -> Backbone.fromFolder(dir).build(m))
                    .hasMessageContaining("encoder.embed_tokens.weight")
                    .hasMessageContaining("differs from the shared embedding");
        }
    }
}
