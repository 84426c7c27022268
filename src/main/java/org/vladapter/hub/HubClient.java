package org.vladapter.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Talks to the Hub (or a server with its API: {@code HF_ENDPOINT}) over {@code java.net.http}: repository
 * listings ({@code /api/<type>s/<id>/revision/<revision>?blobs=true}) and file downloads
 * ({@code <endpoint>/[datasets/]<id>/resolve/<commit>/<path>}).
 *
 * <p>Downloads resume a partial file with an HTTP range request; connection errors, cut transfers, 429 and
 * 5xx answers are retried with exponential back-off; 401/403 and 404 fail at once with a message that
 * says what to do. Redirects are followed by hand so that the token is never sent to another host (the
 * Hub redirects large files to a CDN whose signed URLs refuse an extra Authorization header).
 */
public final class HubClient {

    /** The public Hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    private static final int MAX_REDIRECTS = 10;

    private final String endpoint;
    private final String token;
    private final HttpClient http;
    private final int maxAttempts;
    private final long backoffMillis;

    /**
     * @param endpoint the Hub's base URL (no trailing slash needed)
     * @param token a user access token, or {@code null}
     * @param maxAttempts tries per request (at least 1)
     * @param backoffMillis the first wait between tries; doubled each time, capped at 30 s
     */
    public HubClient(String endpoint, String token, int maxAttempts, long backoffMillis) {
        this.endpoint = stripSlash(Objects.requireNonNull(endpoint, "endpoint"));
        this.token = token == null || token.isBlank() ? null : token.trim();
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoffMillis = Math.max(0, backoffMillis);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The client the environment asks for: {@code HF_ENDPOINT} (default the public Hub), {@code HF_TOKEN}
     * (else the token file {@code HF_TOKEN_PATH} or {@code HF_HOME/token} that {@code huggingface-cli login}
     * writes), 5 tries starting 1 s apart.
     *
     * @param env environment variables
     * @return the client
     */
    public static HubClient fromEnvironment(Map<String, String> env) {
        String endpoint = env.getOrDefault("HF_ENDPOINT", "");
        return new HubClient(endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint, token(env), 5, 1000);
    }

    private static String token(Map<String, String> env) {
        for (String name : List.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        String file = env.get("HF_TOKEN_PATH");
        Path path = file != null && !file.isBlank() ? Path.of(file)
                : env.get("HF_HOME") != null && !env.get("HF_HOME").isBlank() ? Path.of(env.get("HF_HOME"), "token")
                : Path.of(System.getProperty("user.home"), ".cache", "huggingface", "token");
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? stripSlash(s.substring(0, s.length() - 1)) : s;
    }

    /** @return the base URL */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Lists a repository's files at a revision.
     *
     * @param repo the repository
     * @param revision a branch, tag or commit
     * @return the commit it resolves to and its files
     * @throws HubException on 401/403 (gated or private: set HF_TOKEN), 404 (no such repository or
     *     revision), an unreachable endpoint, or a malformed answer
     */
    public RepoInfo info(RepoId repo, String revision) {
        URI uri = URI.create(endpoint + "/api/" + repo.type().plural() + "/" + repo.id() + "/revision/" + encode(revision) + "?blobs=true");
        String what = repo + " at revision " + revision;
        String body = withRetries(what, () -> {
            HttpResponse<InputStream> r = send(uri, null, what);
            try (InputStream in = r.body()) {
                check(r.statusCode(), what, "repository or revision");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        try {
            JsonObject json = JsonParser.parseString(body).getAsJsonObject();
            String commit = json.get("sha").getAsString();
            if (!HubCache.isCommitHash(commit)) {
                throw new HubException("the Hub answered commit '" + commit + "' for " + what);
            }
            List<RepoFile> files = new ArrayList<>();
            JsonArray siblings = json.has("siblings") ? json.getAsJsonArray("siblings") : new JsonArray();
            for (JsonElement e : siblings) {
                JsonObject s = e.getAsJsonObject();
                String path = s.get("rfilename").getAsString();
                JsonObject lfs = s.has("lfs") && s.get("lfs").isJsonObject() ? s.getAsJsonObject("lfs") : null;
                String sha = lfs == null ? null : (lfs.has("sha256") ? lfs.get("sha256") : lfs.get("oid")).getAsString();
                long size = lfs != null && lfs.has("size") ? lfs.get("size").getAsLong() : s.has("size") ? s.get("size").getAsLong() : -1;
                String blobId = s.has("blobId") ? s.get("blobId").getAsString() : null;
                if (size < 0 || (sha == null && blobId == null)) {
                    throw new HubException("the Hub's listing of " + what + " lacks the size or blob id of " + path
                            + " (expected an answer to ?blobs=true)");
                }
                files.add(new RepoFile(path, size, blobId, sha));
            }
            return new RepoInfo(repo, commit, List.copyOf(files));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new HubException("malformed answer from " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param repo a repository
     * @param commit a commit hash
     * @param path a file path in it
     * @return the resolve URL of the file
     */
    public URI resolveUrl(RepoId repo, String commit, String path) {
        StringBuilder p = new StringBuilder();
        for (String part : path.split("/")) {
            p.append('/').append(encode(part));
        }
        return URI.create(endpoint + "/" + repo.type().urlPrefix() + repo.id() + "/resolve/" + encode(commit) + p);
    }

    /**
     * Downloads a file into {@code partial}, resuming what is already there, until it holds {@code file.size()}
     * bytes. The content is not verified here.
     *
     * @param repo the repository
     * @param commit the commit hash
     * @param file the file
     * @param partial where the bytes go (created or appended to)
     * @param progress told about every chunk
     */
    public void download(RepoId repo, String commit, RepoFile file, Path partial, TransferProgress progress) {
        URI uri = resolveUrl(repo, commit, file.path());
        String what = file.path() + " of " + repo;
        int attempt = 0;
        while (true) {
            long before = sizeOf(partial);
            try {
                if (transfer(uri, file, partial, progress, what)) {
                    return;
                }
                throw new IOException("connection closed after " + sizeOf(partial) + " of " + file.size() + " bytes");
            } catch (IOException e) {
                boolean progressed = sizeOf(partial) > before;
                attempt = progressed ? 1 : attempt + 1;
                if (attempt >= maxAttempts) {
                    throw failure(what, e);
                }
                sleep(attempt);
            } catch (RetryableStatus e) {
                attempt++;
                if (attempt >= maxAttempts) {
                    throw new HubException("downloading " + what + " failed: HTTP " + e.status + " after " + attempt + " tries");
                }
                sleep(attempt);
            }
        }
    }

    /** @return true when the file is complete */
    private boolean transfer(URI uri, RepoFile file, Path partial, TransferProgress progress, String what) throws IOException {
        long have = sizeOf(partial);
        if (have > file.size()) {
            Files.deleteIfExists(partial);
            have = 0;
        }
        if (have == file.size()) {
            return true;
        }
        HttpResponse<InputStream> r = send(uri, have > 0 ? "bytes=" + have + "-" : null, what);
        try (InputStream in = r.body()) {
            int status = r.statusCode();
            if (status == 416) {
                Files.deleteIfExists(partial);
                throw new IOException("the server refused to resume at byte " + have);
            }
            check(status, what, "file");
            boolean append = status == 206;
            if (!append) {
                have = 0;
            }
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    long room = file.size() - have;
                    if (n > room) {
                        throw new HubException("the server sent more than the listed " + file.size() + " bytes of " + what);
                    }
                    out.write(ByteBuffer.wrap(buf, 0, n));
                    have += n;
                    progress.update(file.path(), have, file.size());
                }
            }
        }
        return have == file.size();
    }

    private HttpResponse<InputStream> send(URI uri, String range, String what) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(current).GET().header("User-Agent", "vl-adapter-java/0.1")
                    .header("Accept-Encoding", "identity");
            if (token != null && sameHost(current, uri)) {
                b.header("Authorization", "Bearer " + token);
            }
            if (range != null) {
                b.header("Range", range);
            }
            HttpResponse<InputStream> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            int s = r.statusCode();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                String location = r.headers().firstValue("Location")
                        .orElseThrow(() -> new IOException("redirect without Location from " + uri));
                r.body().close();
                current = current.resolve(location);
                continue;
            }
            return r;
        }
        throw new HubException("too many redirects for " + what + " from " + uri);
    }

    private static boolean sameHost(URI a, URI b) {
        return Objects.equals(a.getHost(), b.getHost()) && a.getPort() == b.getPort();
    }

    private void check(int status, String what, String kind) {
        if (status == 200 || status == 206) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new HubException("HTTP " + status + " for " + what + ": the repository is gated or private"
                    + (token == null ? "; set HF_TOKEN to a token that has access (and accept its terms on the Hub)"
                    : "; the token in HF_TOKEN has no access to it (accept its terms on the Hub, or check the token)"));
        }
        if (status == 404) {
            throw new HubException("HTTP 404 for " + what + ": no such " + kind + " on " + endpoint
                    + " (check the id, --revision and --repo-type dataset for dataset repositories)");
        }
        if (status == 429 || status >= 500) {
            throw new RetryableStatus(status);
        }
        throw new HubException("HTTP " + status + " for " + what + " from " + endpoint);
    }

    private <T> T withRetries(String what, IoCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (attempt >= maxAttempts) {
                    throw failure(what, e);
                }
            } catch (RetryableStatus e) {
                if (attempt >= maxAttempts) {
                    throw new HubException("request for " + what + " failed: HTTP " + e.status + " after " + attempt + " tries");
                }
            }
            sleep(attempt);
        }
    }

    private HubException failure(String what, IOException e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return new OfflineException("cannot reach " + endpoint + " for " + what + " after " + maxAttempts
                    + " tries (offline? set HF_ENDPOINT for a mirror, or HF_HUB_OFFLINE=1 to use only the cache)", e);
        }
        return new HubException("downloading " + what + " failed after " + maxAttempts + " tries: " + e, e);
    }

    private void sleep(int attempt) {
        long wait = Math.min(30_000L, backoffMillis << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while waiting to retry");
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read size of " + p, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The endpoint could not be reached at all. */
    public static final class OfflineException extends HubException {
        private static final long serialVersionUID = 1L;

        OfflineException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class RetryableStatus extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        RetryableStatus(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }
}
