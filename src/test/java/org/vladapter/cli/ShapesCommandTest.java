package org.vladapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vladapter.backbone.Backbone;
import org.vladapter.shapes.ShapesConfig;
import org.vladapter.shapes.ShapesWorld;

import java.nio.file.Files;
import java.nio.file.Path;

/** Every {@code vladapter shapes} regeneration command at a tiny scale. */
class ShapesCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachRegenerationCommandRunsAtATinyScale() throws Exception {
        Path clip = dir.resolve("clip");
        assertThat(Main.run("shapes", "pretrain-clip", "--out", clip.toString(), "--steps", "2", "--batch-size", "4",
                "--scenes", "8", "--eval-scenes", "4")).isZero();
        assertThat(clip.resolve("model.safetensors")).isRegularFile();
        assertThat(Files.readString(clip.resolve("train_log.txt"))).contains("retrieval").contains("cell probes")
                .contains("--region-weight 1.0");

        for (String family : new String[] {"bart", "t5"}) {
            Path folder = dir.resolve(family);
            assertThat(Main.run("shapes", "pretrain-" + family, "--out", folder.toString(), "--steps", "2",
                    "--batch-size", "4", "--scale", "0.005")).isZero();
            assertThat(Files.readString(folder.resolve("train_log.txt"))).contains("before").contains("after");
            assertThat(Backbone.fromFolder(folder).config().dModel()).isEqualTo(128);
        }

        Path world = dir.resolve("world");
        assertThat(Main.run("shapes", "generate", "--out", world.toString(), "--scale", "0.005", "--clip", clip.toString())).isZero();
        assertThat(ShapesWorld.isGenerated(world, new ShapesConfig(ShapesConfig.DEFAULT_SEED, 0.005), clip)).isTrue();
        assertThat(world.resolve("vqa/v2_mscoco_val2014_annotations.json")).isRegularFile();
        assertThat(Main.run("shapes", "describe", "--out", world.toString(), "--scale", "0.005", "--clip", clip.toString())).isZero();
    }
}
