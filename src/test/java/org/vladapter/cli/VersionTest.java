package org.vladapter.cli;

import org.junit.jupiter.api.Test;
import org.vladapter.io.LibraryVersion;
import org.vladapter.train.RunRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One version string, from the build: pom.xml's version in LibraryVersion, run records, checkpoints and --version. */
class VersionTest {

    @Test
    void theVersionIsThePomsEverywhere() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>vl-adapter</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("pom.xml names the project version").isTrue();
        String version = m.group(1);
        assertThat(LibraryVersion.get()).isEqualTo(version);
        assertThat(RunRecord.libraryVersion()).isEqualTo(version);
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("vl-adapter " + version);
    }
}
