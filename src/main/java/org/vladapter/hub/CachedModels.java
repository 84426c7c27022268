package org.vladapter.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a model by its Hub id in the local cache, for {@code --backbone facebook/bart-base}: the snapshot
 * {@code refs/main} (or {@code @revision}) points to. Nothing is downloaded here; {@code vladapter download}
 * (or Python's {@code huggingface_hub}) fills the cache.
 */
public final class CachedModels {

    /** Prefix that forces a Hub id for bare names that are also presets ({@code hub:t5-base}). */
    public static final String PREFIX = "hub:";

    private CachedModels() {}

    /**
     * @param spec {@code org/name}, {@code org/name@revision} or {@code hub:name[@revision]}
     * @return whether the text is written as a Hub model id (rather than a path)
     */
    public static boolean looksLikeId(String spec) {
        String s = spec.startsWith(PREFIX) ? spec.substring(PREFIX.length()) : spec;
        int at = s.indexOf('@');
        String id = at >= 0 ? s.substring(0, at) : s;
        if (!spec.startsWith(PREFIX) && (id.chars().filter(c -> c == '/').count() != 1 || id.startsWith(".") || id.startsWith("/"))) {
            return false;
        }
        try {
            new RepoId(RepoType.MODEL, id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param spec a model id as {@link #looksLikeId} accepts
     * @param cache the cache to search
     * @return the snapshot folder, when the cache has one
     */
    public static Optional<Path> find(String spec, HubCache cache) {
        if (!looksLikeId(spec)) {
            return Optional.empty();
        }
        String s = spec.startsWith(PREFIX) ? spec.substring(PREFIX.length()) : spec;
        int at = s.indexOf('@');
        String revision = at >= 0 ? s.substring(at + 1) : "main";
        RepoId repo = RepoId.model(at >= 0 ? s.substring(0, at) : s);
        return cache.snapshot(repo, revision).filter(p -> Files.isRegularFile(p.resolve("config.json")));
    }

    /**
     * Resolves a backbone argument: an existing folder as itself, a Hub id through the cache.
     *
     * @param spec a folder path or a Hub id
     * @param cache the cache
     * @return the folder to read
     * @throws HubException when the text is a Hub id that is neither a folder nor in the cache
     */
    public static Path resolve(String spec, HubCache cache) {
        if (!spec.startsWith(PREFIX) && Files.isDirectory(Path.of(spec))) {
            return Path.of(spec);
        }
        Optional<Path> cached = find(spec, cache);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (looksLikeId(spec)) {
            String id = spec.startsWith(PREFIX) ? spec.substring(PREFIX.length()) : spec;
            throw new HubException("'" + spec + "' is neither a folder nor a model in the Hub cache " + cache.root()
                    + " (with config.json); fetch it with: bin/vladapter download " + id.replaceFirst("@.*", "")
                    + (id.contains("@") ? " --revision " + id.substring(id.indexOf('@') + 1) : ""));
        }
        return Path.of(spec);
    }
}
