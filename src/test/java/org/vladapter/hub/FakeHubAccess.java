package org.vladapter.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages put files on a {@link FakeHub} and download them into a cache. */
public final class FakeHubAccess {

    private FakeHubAccess() {}

    /**
     * @param cache the cache to fill
     * @param repo the model id
     * @param files local files
     * @param names their names in the repository
     * @return the snapshot folder
     */
    public static Path serveAndDownload(HubCache cache, String repo, List<Path> files, List<String> names) throws IOException {
        try (FakeHub hub = new FakeHub()) {
            for (int i = 0; i < files.size(); i++) {
                hub.put(repo, names.get(i), Files.readAllBytes(files.get(i)), names.get(i).endsWith(".safetensors"));
            }
            return new HubDownloader(new HubClient(hub.endpoint(), null, 3, 1), cache, false, null)
                    .download(RepoId.model(repo), "main", List.of(), TransferProgress.NONE);
        }
    }
}
