package org.vladapter.hub;

/** The kind of a Hub repository; decides its URL prefix and its cache folder prefix. */
public enum RepoType {
    /** A model repository ({@code org/name}). */
    MODEL("models", ""),
    /** A dataset repository ({@code datasets/org/name}). */
    DATASET("datasets", "datasets/"),
    /** A Space ({@code spaces/org/name}). */
    SPACE("spaces", "spaces/");

    private final String plural;
    private final String urlPrefix;

    RepoType(String plural, String urlPrefix) {
        this.plural = plural;
        this.urlPrefix = urlPrefix;
    }

    /** @return {@code models}, {@code datasets} or {@code spaces}: the API path segment and cache prefix */
    public String plural() {
        return plural;
    }

    /** @return the prefix of resolve URLs: empty for models, {@code datasets/} or {@code spaces/} */
    public String urlPrefix() {
        return urlPrefix;
    }

    /**
     * @param name {@code model}, {@code dataset} or {@code space} (plural accepted)
     * @return the type
     */
    public static RepoType of(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        for (RepoType t : values()) {
            if (n.equals(t.plural) || n.equals(t.plural.substring(0, t.plural.length() - 1))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown repository type '" + name + "' (model, dataset, space)");
    }
}
