package org.vladapter.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Downloads a repository (or the files of it that match {@code --include} patterns) into the
 * {@link HubCache}, as {@code snapshot_download} does: every file lands as {@code blobs/<etag>} and is
 * linked from {@code snapshots/<commit>/<path>}; {@code refs/<revision>} records the commit.
 *
 * <p>Files already in the cache (blob present) are not fetched again; a partial {@code .incomplete} blob
 * is resumed. Every finished file is verified before it becomes a blob: LFS files against the sha256 the
 * Hub lists, other files against their git blob sha1. A mismatch removes the partial file and fails
 * naming the file. With {@code HF_HUB_OFFLINE=1}, or when the endpoint cannot be reached and the
 * cache already has a snapshot for the revision, the cached snapshot is returned.
 */
public final class HubDownloader {

    private final HubClient client;
    private final HubCache cache;
    private final boolean offline;
    private final PrintStream log;

    /**
     * @param client the Hub client
     * @param cache the cache to fill
     * @param offline use only the cache ({@code HF_HUB_OFFLINE})
     * @param log where notes go (a cached snapshot used offline), or {@code null}
     */
    public HubDownloader(HubClient client, HubCache cache, boolean offline, PrintStream log) {
        this.client = client;
        this.cache = cache;
        this.offline = offline;
        this.log = log;
    }

    /**
     * @param env environment variables ({@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HUB_CACHE},
     *     {@code HF_HOME}, {@code HF_HUB_OFFLINE})
     * @param log where notes go
     * @return the downloader they describe
     */
    public static HubDownloader fromEnvironment(Map<String, String> env, PrintStream log) {
        String off = env.getOrDefault("HF_HUB_OFFLINE", "");
        boolean offline = off.equals("1") || off.equalsIgnoreCase("true") || off.equalsIgnoreCase("yes");
        return new HubDownloader(HubClient.fromEnvironment(env), HubCache.fromEnvironment(env), offline, log);
    }

    /** @return the cache it fills */
    public HubCache cache() {
        return cache;
    }

    /**
     * @param repo the repository
     * @param revision a branch, tag or commit
     * @param include patterns of the files wanted (none: all)
     * @param progress told about every chunk
     * @return the snapshot folder {@code snapshots/<commit>}
     */
    public Path download(RepoId repo, String revision, List<String> include, TransferProgress progress) {
        return download(repo, revision, info -> {
            PathGlob glob = PathGlob.of(include);
            List<RepoFile> wanted = info.files().stream().filter(f -> glob.matches(f.path())).toList();
            if (wanted.isEmpty()) {
                throw new HubException("no file of " + repo + " at " + revision + " matches " + include + " ("
                        + info.files().size() + " files listed)");
            }
            return wanted;
        }, progress);
    }

    /**
     * Downloads only what {@code --backbone} reads ({@link BackboneFiles}): configuration, tokenizer files and
     * {@code model.safetensors} (else {@code pytorch_model.bin}).
     *
     * @param repo a model repository
     * @param revision a branch, tag or commit
     * @param progress told about every chunk
     * @return the snapshot folder
     */
    public Path downloadBackbone(RepoId repo, String revision, TransferProgress progress) {
        return download(repo, revision, info -> {
            List<String> names = BackboneFiles.select(repo, info.files().stream().map(RepoFile::path).toList());
            return info.files().stream().filter(f -> names.contains(f.path())).toList();
        }, progress);
    }

    private Path download(RepoId repo, String revision, java.util.function.Function<RepoInfo, List<RepoFile>> select,
            TransferProgress progress) {
        if (offline) {
            return cache.snapshot(repo, revision).orElseThrow(() -> new HubException("HF_HUB_OFFLINE is set and the cache "
                    + cache.root() + " has no snapshot of " + repo + " at revision " + revision));
        }
        RepoInfo info;
        try {
            info = client.info(repo, revision);
        } catch (HubClient.OfflineException e) {
            Optional<Path> cached = cache.snapshot(repo, revision);
            if (cached.isPresent()) {
                note("cannot reach " + client.endpoint() + "; using the cached snapshot " + cached.get());
                return cached.get();
            }
            throw e;
        }
        List<RepoFile> wanted = select.apply(info);
        for (RepoFile f : wanted) {
            fetch(info, f, progress);
        }
        cache.writeRef(repo, revision, info.commit());
        return cache.snapshotFolder(repo, info.commit());
    }

    private void fetch(RepoInfo info, RepoFile f, TransferProgress progress) {
        RepoId repo = info.repo();
        Path blob = cache.blob(repo, f.etag());
        try {
            if (!Files.isRegularFile(blob) || Files.size(blob) != f.size()) {
                Files.createDirectories(blob.getParent());
                Path partial = cache.incompleteBlob(repo, f.etag());
                client.download(repo, info.commit(), f, partial, progress);
                String actual = digest(partial, f);
                String expected = f.isLfs() ? f.lfsSha256() : f.gitBlobId();
                if (!actual.equalsIgnoreCase(expected)) {
                    Files.deleteIfExists(partial);
                    throw new HubException("checksum mismatch for " + f.path() + " of " + repo + ": expected "
                            + (f.isLfs() ? "sha256 " : "git sha1 ") + expected + ", got " + actual
                            + "; the corrupt download was removed, run the command again to fetch it anew");
                }
                Files.move(partial, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            progress.finished(f.path(), f.size());
            cache.link(repo, info.commit(), f.path(), f.etag());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + f.path() + " of " + repo + " in " + cache.root(), e);
        }
    }

    /**
     * @param file a downloaded file
     * @param listed what the Hub lists for it
     * @return its sha256 (LFS) or git blob sha1 (other files), hex
     */
    static String digest(Path file, RepoFile listed) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(listed.isLfs() ? "SHA-256" : "SHA-1");
            if (!listed.isLfs()) {
                md.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void note(String message) {
        if (log != null) {
            log.println(message);
        }
    }
}
