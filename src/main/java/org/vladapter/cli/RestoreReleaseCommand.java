package org.vladapter.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vladapter.release.ReleaseRestorer;
import org.vladapter.tasks.DatasetLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vladapter restore-release}: rebuilds the classic per-image {@code .h5} tree from the Hub release. */
@Command(name = "restore-release", mixinStandardHelpOptions = true,
        description = {"Writes the classic datasets/ layout (per-image .h5 features, annotation files) from the Hub release",
            "(manifest.json.gz, annotations/, features/*.parquet). Resumable: rerun to continue. Not needed for training:",
            "train --data reads the release folder directly."})
public final class RestoreReleaseCommand implements Callable<Integer> {

    @Option(names = "--release", required = true, description = "the downloaded release folder (see download)")
    Path release;

    @Option(names = "--out", required = true, description = "the datasets/ folder to write (~145 GB for the full release)")
    Path out;

    @Option(names = "--index-dir", description = "where shard indexes are cached (default ~/.cache/vladapter/feature-index)")
    Path indexDir;

    @Override
    public Integer call() {
        Path index = indexDir != null ? indexDir : DatasetLayout.builder().root(release).build().indexDirectory();
        ReleaseRestorer.Summary s = new ReleaseRestorer(release, index, System.err).restore(out);
        System.out.printf("annotations copied: %d, feature files written: %d, already present: %d%n",
                s.annotationsCopied(), s.featuresWritten(), s.skipped());
        return 0;
    }
}
