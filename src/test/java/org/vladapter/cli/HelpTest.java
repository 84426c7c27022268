package org.vladapter.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line explains itself: {@code help [COMMAND]}, defaults in help, errors naming the fix. */
class HelpTest {

    @Test
    void helpCommandShowsEveryCommandAndEachCommandsDefaults() {
        CliRun all = CliRun.of("help");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("train", "params", "evaluate", "help");
        CliRun train = CliRun.of("help", "train");
        assertThat(train.exitCode()).isZero();
        assertThat(train.out()).contains("--resume", "--overwrite", "-o, --option")
                .contains("Default: single-adapter").contains("Default: 9595").contains("Default: RN101");
        assertThat(CliRun.of("train", "--help").out()).contains("Default: vqa,gqa,nlvr,caption");
    }

    @Test
    void aPresetNameAsTrainBackboneSaysHowToGetACheckpoint(@org.junit.jupiter.api.io.TempDir Path dir) {
        CliRun run = CliRun.of("train", "--data", dir.toString(), "--backbone", "bart-base");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines()).hasSize(1);
        assertThat(run.errorLines()[0]).startsWith("vladapter: 'bart-base' is a preset with random weights")
                .contains("save_pretrained");
    }
}
