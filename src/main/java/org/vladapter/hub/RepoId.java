package org.vladapter.hub;

import java.util.regex.Pattern;

/**
 * A Hub repository: its type and id ({@code facebook/bart-base}, {@code t5-base}, {@code ylsung/VL-Adapter-datasets}).
 *
 * @param type model, dataset or space
 * @param id {@code org/name} or a bare legacy {@code name}
 */
public record RepoId(RepoType type, String id) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

    /** Checks the id. */
    public RepoId {
        if (type == null) {
            throw new IllegalArgumentException("repository type is null");
        }
        if (id == null || !NAME.matcher(id).matches() || id.contains("..") || id.contains("--")) {
            throw new IllegalArgumentException("invalid Hub repository id '" + id + "' (expected org/name or name)");
        }
    }

    /**
     * Parses {@code org/name}, {@code datasets/org/name} (or {@code spaces/...}, {@code models/...}).
     *
     * @param text the id as typed
     * @param defaultType the type when the text has no type prefix
     * @return the repository
     */
    public static RepoId parse(String text, RepoType defaultType) {
        for (RepoType t : RepoType.values()) {
            String prefix = t.plural() + "/";
            if (text.startsWith(prefix) && text.indexOf('/', prefix.length()) > 0) {
                return new RepoId(t, text.substring(prefix.length()));
            }
        }
        return new RepoId(defaultType, text);
    }

    /**
     * @param text {@code org/name}
     * @return the model repository
     */
    public static RepoId model(String text) {
        return new RepoId(RepoType.MODEL, text);
    }

    /** @return the cache folder name, as huggingface_hub names it: {@code models--org--name} */
    public String cacheFolderName() {
        return type.plural() + "--" + id.replace("/", "--");
    }

    @Override
    public String toString() {
        return type.urlPrefix() + id;
    }
}
