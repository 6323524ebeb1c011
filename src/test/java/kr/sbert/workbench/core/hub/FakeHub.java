package kr.sbert.workbench.core.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real HTTP model hub on loopback: the hub on 127.0.0.1 (repo info, resolve with ETag /
 * X-Repo-Commit, LFS files as a 302 to the second host) and an LFS/CDN host on 127.0.0.2 that
 * serves Range requests. It serves real bytes and records every request. Faults can be
 * switched on per test: dropped connections, Range ignored, corrupt bytes, a token requirement.
 */
public final class FakeHub implements AutoCloseable {
    /** One request as the server saw it. */
    public record Seen(String host, String method, String path, String authorization, String range) {
    }

    /** One served repo: commit and files (path → bytes). */
    public static final class Repo {
        final String commit;
        final Map<String, byte[]> files = new LinkedHashMap<>();

        Repo(String commit) {
            this.commit = commit;
        }
    }

    /** Stored in LFS, as the hub's default .gitattributes does: weights and other binaries. */
    static boolean isLfs(String path) {
        return path.endsWith(".safetensors") || path.endsWith(".bin") || path.endsWith(".h5") || path.endsWith(".onnx");
    }

    final HttpServer hub;
    final HttpServer cdn;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    final Map<String, Repo> repos = new ConcurrentHashMap<>();
    /** Extra revision names (branch, tag, refs/pr/N) → repo key "org/name@commit" resolution. */
    final Map<String, Repo> revisions = new ConcurrentHashMap<>();
    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** Close the connection after this many body bytes, for this many CDN GETs. */
    volatile long dropAfterBytes = -1;
    final AtomicInteger dropsLeft = new AtomicInteger();
    volatile boolean ignoreRange;
    /** Serve this LFS blob (by sha256) with one byte flipped. */
    volatile String corruptSha;
    volatile String requiredToken;
    /** The CDN answers this many GETs with 503 first. */
    final AtomicInteger unavailable = new AtomicInteger();
    /** When set, LFS redirects point here instead of the CDN. */
    volatile String lfsLocation;
    /** Old repo id → new one: the hub answers with a relative 307, as for a renamed repo. */
    final Map<String, String> renamed = new ConcurrentHashMap<>();
    /** After this many bytes of a CDN body, stall (send nothing) for a long time, once. */
    volatile long stallAfterBytes = -1;
    /** Pause between 64 KB chunks on the CDN, to make transfers overlap. */
    volatile long chunkDelayMillis;

    public FakeHub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cdn = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        hub.createContext("/", this::handleHub);
        cdn.createContext("/", this::handleCdn);
        hub.setExecutor(pool);
        cdn.setExecutor(pool);
        hub.start();
        cdn.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    String cdnBase() {
        return "http://127.0.0.2:" + cdn.getAddress().getPort();
    }

    /** Serves a folder's files (recursively) as repo {@code id} at {@code commit}, branch main. */
    public Repo serveFolder(String id, String commit, Path folder) throws IOException {
        Repo repo = new Repo(commit);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                repo.files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        repos.put(id, repo);
        return repo;
    }

    static String sha256(byte[] b) {
        return hex("SHA-256", b);
    }

    /** Git's blob id: sha1 of "blob {size}\0" + content (the hub's ETag for non-LFS files). */
    static String gitSha1(byte[] b) {
        byte[] head = ("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return hex("SHA-1", all);
    }

    static String etagOf(String path, byte[] b) {
        return isLfs(path) ? sha256(b) : gitSha1(b);
    }

    private static String hex(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Seen> seenOn(String host) {
        return seen.stream().filter(s -> s.host().equals(host)).toList();
    }

    private void record(HttpExchange ex, String host) {
        seen.add(new Seen(host, ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Range")));
    }

    private void handleHub(HttpExchange ex) throws IOException {
        try (ex) {
            record(ex, "hub");
            String path = ex.getRequestURI().getRawPath();
            if (requiredToken != null && !("Bearer " + requiredToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("X-Error-Code", "GatedRepo".equals(requiredToken) ? "GatedRepo" : "RepoNotFound");
                send(ex, 401, new byte[0]);
                return;
            }
            for (Map.Entry<String, String> r : renamed.entrySet()) {
                for (String prefix : List.of("/api/models/", "/")) {
                    if (path.startsWith(prefix + r.getKey() + "/")) {
                        ex.getResponseHeaders().set("Location", prefix + r.getValue() + path.substring(prefix.length() + r.getKey().length()));
                        send(ex, 307, new byte[0]);
                        return;
                    }
                }
            }
            if (path.startsWith("/api/models/")) {
                // /api/models/{org}/{name}/revision/{rev}
                String[] p = path.substring("/api/models/".length()).split("/", 4);
                Repo repo = p.length == 4 ? resolve(p[0] + "/" + p[1], decode(p[3])) : null;
                if (repo == null) {
                    ex.getResponseHeaders().set("X-Error-Code", p.length == 4 && repos.containsKey(p[0] + "/" + p[1])
                            ? "RevisionNotFound" : "RepoNotFound");
                    send(ex, 404, new byte[0]);
                    return;
                }
                JsonObject o = new JsonObject();
                o.addProperty("id", p[0] + "/" + p[1]);
                o.addProperty("sha", repo.commit);
                JsonArray siblings = new JsonArray();
                for (String f : repo.files.keySet()) {
                    JsonObject s = new JsonObject();
                    s.addProperty("rfilename", f);
                    siblings.add(s);
                }
                o.add("siblings", siblings);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                send(ex, 200, o.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            // /{org}/{name}/resolve/{rev}/{file...}
            String[] p = path.substring(1).split("/", 5);
            if (p.length < 5 || !p[2].equals("resolve")) {
                send(ex, 404, new byte[0]);
                return;
            }
            Repo repo = resolve(p[0] + "/" + p[1], decode(p[3]));
            String file = decode(p[4]);
            if (repo == null || !repo.files.containsKey(file)) {
                ex.getResponseHeaders().set("X-Error-Code", repo == null ? "RepoNotFound" : "EntryNotFound");
                send(ex, 404, new byte[0]);
                return;
            }
            byte[] bytes = repo.files.get(file);
            ex.getResponseHeaders().set("X-Repo-Commit", repo.commit);
            if (isLfs(file)) {
                ex.getResponseHeaders().set("X-Linked-Etag", "\"" + sha256(bytes) + "\"");
                ex.getResponseHeaders().set("X-Linked-Size", Long.toString(bytes.length));
                ex.getResponseHeaders().set("ETag", "W/\"pointer\"");
                ex.getResponseHeaders().set("Location", lfsLocation != null ? lfsLocation
                        : cdnBase() + "/lfs/" + sha256(bytes) + "?signed=1");
                send(ex, 302, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"" + gitSha1(bytes) + "\"");
            serveBytes(ex, bytes, false);
        }
    }

    private void handleCdn(HttpExchange ex) throws IOException {
        try (ex) {
            record(ex, "cdn");
            String path = ex.getRequestURI().getRawPath();
            String sha = path.startsWith("/lfs/") ? path.substring(5) : "";
            byte[] bytes = repos.values().stream().flatMap(r -> r.files.values().stream())
                    .filter(b -> sha256(b).equals(sha)).findFirst().orElse(null);
            if (bytes == null) {
                send(ex, 404, new byte[0]);
                return;
            }
            if (unavailable.getAndDecrement() > 0) {
                send(ex, 503, new byte[0]);
                return;
            }
            if (sha.equals(corruptSha)) {
                bytes = bytes.clone();
                bytes[bytes.length / 2] ^= 0x5a;
            }
            serveBytes(ex, bytes, true);
        }
    }

    private void serveBytes(HttpExchange ex, byte[] bytes, boolean faults) throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(bytes.length));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int start = 0;
        if (range != null && !(faults && ignoreRange)) {
            start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            if (start >= bytes.length) {
                send(ex, 416, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        int length = bytes.length - start;
        ex.sendResponseHeaders(start > 0 ? 206 : 200, length);
        long stallAt = faults && stallAfterBytes >= 0 && length > stallAfterBytes ? stallAfterBytes : -1;
        if (stallAt >= 0) {
            stallAfterBytes = -1; // once
        }
        long limit = faults && dropAfterBytes >= 0 && length > dropAfterBytes && dropsLeft.getAndDecrement() > 0
                ? dropAfterBytes : Long.MAX_VALUE;
        OutputStream out = ex.getResponseBody();
        int pos = start;
        long sent = 0;
        try {
            while (pos < bytes.length) {
                int n = (int) Math.min(Math.min(65536, bytes.length - pos), limit - sent);
                if (n <= 0) {
                    // Drop the connection half-way: the exchange closes with bytes missing,
                    // which makes the server close the socket.
                    out.flush();
                    throw new IOException("dropped on purpose");
                }
                if (stallAt >= 0 && sent + n > stallAt) {
                    n = (int) (stallAt - sent);
                    out.write(bytes, pos, n);
                    out.flush();
                    Thread.sleep(30_000); // the client must give up on this connection by itself
                    throw new IOException("stalled on purpose");
                }
                out.write(bytes, pos, n);
                pos += n;
                sent += n;
                if (faults && chunkDelayMillis > 0) {
                    out.flush();
                    Thread.sleep(chunkDelayMillis);
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Repo resolve(String id, String revision) {
        Repo repo = repos.get(id);
        if (repo == null) {
            return null;
        }
        if (revision.equals("main") || revision.equals(repo.commit)) {
            return repo;
        }
        return revisions.get(id + "@" + revision);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int code, byte[] body) throws IOException {
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** Requests for one path on one host. */
    List<Seen> requests(String host, String method, String pathPart) {
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s.host().equals(host) && s.method().equals(method) && s.path().contains(pathPart)) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        pool.shutdownNow();
    }
}
