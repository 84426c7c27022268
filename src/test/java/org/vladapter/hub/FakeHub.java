package org.vladapter.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hub-like HTTP server on loopback for tests: the revision API with {@code ?blobs=true} and resolve URLs
 * (LFS files redirect to a CDN path, as the Hub does), with byte ranges, and injectable faults: a transfer
 * cut after some bytes, corrupted content, gated repositories.
 */
final class FakeHub implements AutoCloseable {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    record Entry(byte[] content, boolean lfs) {}

    private final HttpServer server;
    private final Map<String, Map<String, Entry>> repos = new LinkedHashMap<>();
    private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    private final Map<String, Boolean> corrupt = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gated = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private final ServerSocket cdn;
    private final Thread cdnThread;

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        cdn = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        cdnThread = new Thread(this::serveCdn, "fake-cdn");
        cdnThread.setDaemon(true);
        cdnThread.start();
    }

    /**
     * The CDN LFS files redirect to: another port (so another origin), plain sockets so that a transfer can
     * really be cut by closing the connection in the middle of the body.
     */
    private void serveCdn() {
        while (!cdn.isClosed()) {
            try (Socket s = cdn.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String requestLine = in.readLine();
                if (requestLine == null) {
                    continue;
                }
                String range = null;
                String auth = "null";
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    String lower = h.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("range:")) {
                        range = h.substring(6).trim();
                    } else if (lower.startsWith("authorization:")) {
                        auth = h.substring(14).trim();
                    }
                }
                String path = requestLine.split(" ")[1];
                requests.add("GET " + path);
                authorizations.add(auth);
                String key = path.substring("/cdn/".length());
                int sep = key.indexOf("~~");
                String urlRepo = key.substring(0, sep).replace('~', '/');
                String file = key.substring(sep + 2).replace('~', '/');
                byte[] c = repos.get(urlRepo).get(file).content().clone();
                if (corrupt.containsKey(file)) {
                    c[c.length / 2] ^= 0x5a;
                }
                ranges.add(file + " " + range);
                int from = range != null ? Integer.parseInt(range.substring(6, range.length() - 1)) : 0;
                OutputStream out = s.getOutputStream();
                if (from >= c.length) {
                    out.write("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    continue;
                }
                int length = c.length - from;
                String head = (range != null ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + from + "-" + (c.length - 1)
                        + "/" + c.length + "\r\n" : "HTTP/1.1 200 OK\r\n") + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                Integer cut = cutAfter.remove(file);
                out.write(c, from, cut != null && cut < length ? cut : length);
                out.flush();
            } catch (IOException | RuntimeException e) {
                // a closed socket ends the loop; a failed request is visible to the client
            }
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param urlRepo {@code org/name} or {@code datasets/org/name} */
    FakeHub put(String urlRepo, String path, byte[] content, boolean lfs) {
        repos.computeIfAbsent(urlRepo, k -> new LinkedHashMap<>()).put(path, new Entry(content, lfs));
        return this;
    }

    void cutOnce(String path, int bytes) {
        cutAfter.put(path, bytes);
    }

    void corrupt(String path) {
        corrupt.put(path, true);
    }

    void gate(String urlRepo) {
        gated.put(urlRepo, true);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String gitSha1(byte[] b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        try {
            if (path.startsWith("/api/")) {
                api(ex, path);
            } else {
                resolve(ex, path.substring(1));
            }
        } catch (RuntimeException e) {
            send(ex, 500, e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void api(HttpExchange ex, String path) throws IOException {
        // /api/models/org/name/revision/main  or /api/datasets/org/name/revision/main
        String rest = path.substring("/api/".length());
        int rev = rest.indexOf("/revision/");
        String typed = rest.substring(0, rev);
        String urlRepo = typed.startsWith("models/") ? typed.substring("models/".length()) : typed;
        Map<String, Entry> files = repos.get(urlRepo);
        if (files == null) {
            send(ex, 404, "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (gated.containsKey(urlRepo) && !"Bearer good-token".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"error\":\"gated\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String revision = rest.substring(rev + "/revision/".length());
        if (!revision.equals("main") && !revision.equals(COMMIT)) {
            send(ex, 404, "{\"error\":\"Revision not found\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonObject json = new JsonObject();
        json.addProperty("sha", COMMIT);
        JsonArray siblings = new JsonArray();
        for (Map.Entry<String, Entry> e : files.entrySet()) {
            JsonObject s = new JsonObject();
            s.addProperty("rfilename", e.getKey());
            byte[] c = e.getValue().content();
            if (e.getValue().lfs()) {
                s.addProperty("size", 134);
                s.addProperty("blobId", gitSha1(("pointer " + e.getKey()).getBytes(StandardCharsets.UTF_8)));
                JsonObject lfs = new JsonObject();
                lfs.addProperty("sha256", sha256(c));
                lfs.addProperty("size", c.length);
                lfs.addProperty("pointerSize", 134);
                s.add("lfs", lfs);
            } else {
                s.addProperty("size", c.length);
                s.addProperty("blobId", gitSha1(c));
            }
            siblings.add(s);
        }
        json.add("siblings", siblings);
        send(ex, 200, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void resolve(HttpExchange ex, String path) throws IOException {
        int at = path.indexOf("/resolve/");
        String urlRepo = path.substring(0, at);
        String rest = path.substring(at + "/resolve/".length());
        String file = rest.substring(rest.indexOf('/') + 1);
        Map<String, Entry> files = repos.get(urlRepo);
        Entry entry = files == null ? null : files.get(file);
        if (entry == null) {
            send(ex, 404, "Entry not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (entry.lfs()) {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + cdn.getLocalPort() + "/cdn/" + urlRepo.replace('/', '~') + "~~" + file.replace('/', '~'));
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        body(ex, file, entry.content());
    }

    private void body(HttpExchange ex, String file, byte[] content) throws IOException {
        byte[] c = content.clone();
        if (corrupt.containsKey(file)) {
            c[c.length / 2] ^= 0x5a;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(file + " " + range);
        int from = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= c.length) {
                send(ex, 416, new byte[0]);
                return;
            }
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (c.length - 1) + "/" + c.length);
        }
        int length = c.length - from;
        ex.sendResponseHeaders(range != null ? 206 : 200, length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(c, from, length);
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            cdn.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
