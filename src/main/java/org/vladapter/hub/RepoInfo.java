package org.vladapter.hub;

import java.util.List;

/**
 * A repository at one commit.
 *
 * @param repo the repository
 * @param commit the full commit hash the requested revision resolved to
 * @param files its files
 */
public record RepoInfo(RepoId repo, String commit, List<RepoFile> files) {}
