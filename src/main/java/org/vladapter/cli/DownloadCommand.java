package org.vladapter.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vladapter.hub.HubDownloader;
import org.vladapter.hub.RepoId;
import org.vladapter.hub.RepoType;
import org.vladapter.hub.TransferProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vladapter download}: fetches a Hub model or dataset repository into the huggingface_hub cache
 * (shared with Python) and prints the snapshot folder.
 */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        description = {
            "Downloads a HuggingFace Hub repository into the huggingface_hub cache (HF_HUB_CACHE, else HF_HOME/hub,",
            "else ~/.cache/huggingface/hub) and prints its snapshot folder. Resumes partial files, verifies LFS files",
            "by sha256, retries with back-off. Environment: HF_TOKEN (gated repositories), HF_ENDPOINT (a mirror),",
            "HF_HUB_OFFLINE=1 (cache only)."
        })
public final class DownloadCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "REPO",
            description = "org/name for a model (facebook/bart-base), datasets/org/name or --repo-type dataset for a dataset;"
                    + " several are fetched one after another, and their snapshot folders printed one a line, in order")
    List<String> repos;

    @Option(names = "--revision", defaultValue = "main", description = "branch, tag or commit (default ${DEFAULT-VALUE})")
    String revision;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "only files matching this pattern (fnmatch, '*' crosses '/'); repeatable")
    List<String> include = new ArrayList<>();

    @Option(names = "--repo-type", defaultValue = "model", description = "model, dataset or space (default ${DEFAULT-VALUE})")
    String repoType;

    @Option(names = "--backbone-files", description = "model repositories: only what --backbone reads (config.json, the"
            + " tokenizer files, model.safetensors else pytorch_model.bin), not the TensorFlow/Flax/Rust/ONNX weights;"
            + " dataset repositories are fetched whole")
    boolean backboneFiles;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        if (backboneFiles && !include.isEmpty()) {
            throw new IllegalArgumentException("--backbone-files selects the files itself; leave out --include");
        }
        HubDownloader downloader = HubDownloader.fromEnvironment(System.getenv(), System.err);
        TransferProgress progress = quiet ? TransferProgress.NONE : TransferProgress.console(System.err);
        for (String repo : repos) {
            RepoId id = RepoId.parse(repo, RepoType.of(repoType));
            Path snapshot = backboneFiles && id.type() == RepoType.MODEL ? downloader.downloadBackbone(id, revision, progress)
                    : downloader.download(id, revision, include, progress);
            System.out.println(snapshot);
        }
        return 0;
    }
}
