package org.vladapter.hub;

/**
 * One file of a repository at a commit, as the Hub's API lists it.
 *
 * @param path the path in the repository
 * @param size its size in bytes
 * @param gitBlobId the git blob sha1 of the file as committed (of the LFS pointer for LFS files)
 * @param lfsSha256 the sha256 of the content for LFS files, else {@code null}
 */
public record RepoFile(String path, long size, String gitBlobId, String lfsSha256) {

    /** @return whether the file is stored with LFS (and so has a sha256 to verify against) */
    public boolean isLfs() {
        return lfsSha256 != null;
    }

    /** @return the blob name huggingface_hub gives it in the cache: the sha256 for LFS files, else the git sha1 */
    public String etag() {
        return isLfs() ? lfsSha256 : gitBlobId;
    }
}
