package org.vladapter.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vladapter.io.AtomicFiles;

/**
 * The huggingface_hub cache on disk. Its root is {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE},
 * else {@code HF_HOME/hub}, else {@code XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
 * Each repository has a folder ({@code models--facebook--bart-base}, {@code datasets--org--name}) with
 *
 * <pre>
 * blobs/&lt;etag&gt;                      file contents, named by sha256 (LFS files) or git blob sha1 (others)
 * blobs/&lt;etag&gt;.incomplete           a download in progress (resumed with an HTTP range request)
 * snapshots/&lt;commit&gt;/&lt;path&gt;          relative symbolic links into blobs/ (copies where links are refused)
 * refs/&lt;revision&gt;                   the commit a branch or tag pointed to when it was last fetched
 * </pre>
 *
 * This is the layout Python's {@code hf_hub_download}/{@code snapshot_download} read and write, so a
 * repository downloaded by either is found by the other.
 */
public final class HubCache {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final Path root;

    /** @param root the cache root (the folder holding {@code models--...} folders) */
    public HubCache(Path root) {
        this.root = root;
    }

    /** @return the cache named by this process's environment */
    public static HubCache fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param env environment variables
     * @return the cache they name
     */
    public static HubCache fromEnvironment(Map<String, String> env) {
        String hub = firstSet(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");
        if (hub != null) {
            return new HubCache(Path.of(expandHome(hub)));
        }
        String home = firstSet(env, "HF_HOME");
        if (home != null) {
            return new HubCache(Path.of(expandHome(home), "hub"));
        }
        String xdg = firstSet(env, "XDG_CACHE_HOME");
        Path base = xdg != null ? Path.of(expandHome(xdg)) : Path.of(System.getProperty("user.home"), ".cache");
        return new HubCache(base.resolve("huggingface").resolve("hub"));
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String expandHome(String p) {
        return p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
    }

    /** @return the cache root */
    public Path root() {
        return root;
    }

    /**
     * @param repo a repository
     * @return its folder in the cache (may not exist)
     */
    public Path repoFolder(RepoId repo) {
        return root.resolve(repo.cacheFolderName());
    }

    /**
     * @param revision a branch, tag or commit
     * @return whether it is a full commit hash
     */
    public static boolean isCommitHash(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /**
     * @param repo a repository
     * @param revision a branch, tag or commit hash
     * @return the commit hash the cache knows for it
     */
    public Optional<String> commitOf(RepoId repo, String revision) {
        if (isCommitHash(revision)) {
            return Files.isDirectory(repoFolder(repo).resolve("snapshots").resolve(revision)) ? Optional.of(revision) : Optional.empty();
        }
        Path ref = refFile(repo, revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
            return isCommitHash(commit) ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref, e);
        }
    }

    /**
     * @param repo a repository
     * @param revision a branch, tag or commit hash
     * @return its snapshot folder when the cache holds one
     */
    public Optional<Path> snapshot(RepoId repo, String revision) {
        return commitOf(repo, revision).map(c -> snapshotFolder(repo, c)).filter(Files::isDirectory);
    }

    /**
     * @param repo a repository
     * @param commit a commit hash
     * @return {@code snapshots/<commit>}
     */
    public Path snapshotFolder(RepoId repo, String commit) {
        return repoFolder(repo).resolve("snapshots").resolve(commit);
    }

    /**
     * @param repo a repository
     * @param etag the blob name (sha256 or git sha1)
     * @return {@code blobs/<etag>}
     */
    public Path blob(RepoId repo, String etag) {
        if (!etag.matches("[0-9a-fA-F]{40,64}")) {
            throw new HubException("unexpected blob id '" + etag + "' for " + repo);
        }
        return repoFolder(repo).resolve("blobs").resolve(etag);
    }

    /**
     * @param repo a repository
     * @param etag the blob name
     * @return {@code blobs/<etag>.incomplete}, where a download in progress lives
     */
    public Path incompleteBlob(RepoId repo, String etag) {
        Path b = blob(repo, etag);
        return b.resolveSibling(b.getFileName() + ".incomplete");
    }

    private Path refFile(RepoId repo, String revision) {
        if (revision.contains("..")) {
            throw new IllegalArgumentException("invalid revision '" + revision + "'");
        }
        return repoFolder(repo).resolve("refs").resolve(revision);
    }

    /**
     * Records which commit a branch or tag points to ({@code refs/<revision>}, written atomically).
     *
     * @param repo a repository
     * @param revision a branch or tag (commit hashes are not recorded)
     * @param commit the commit hash
     */
    public void writeRef(RepoId repo, String revision, String commit) {
        if (isCommitHash(revision)) {
            return;
        }
        try {
            Path ref = refFile(repo, revision);
            Files.createDirectories(ref.getParent());
            AtomicFiles.writeString(ref, commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ref " + revision + " of " + repo, e);
        }
    }

    /**
     * Points {@code snapshots/<commit>/<path>} at {@code blobs/<etag>} with a relative symbolic link, as
     * huggingface_hub does; copies the blob where the file system refuses links.
     *
     * @param repo a repository
     * @param commit the commit hash
     * @param path the file's path in the repository
     * @param etag its blob name
     * @return the snapshot file
     */
    public Path link(RepoId repo, String commit, String path, String etag) {
        Path snapshot = snapshotFolder(repo, commit);
        Path target = snapshot.resolve(path).normalize();
        if (!target.startsWith(snapshot) || path.startsWith("/")) {
            throw new HubException("refusing repository path '" + path + "' of " + repo + ": it leaves the snapshot folder");
        }
        Path blob = blob(repo, etag);
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
            Path relative = target.getParent().relativize(blob);
            try {
                Files.createSymbolicLink(target, relative);
            } catch (UnsupportedOperationException | IOException refused) {
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + target + " to " + blob, e);
        }
    }
}
