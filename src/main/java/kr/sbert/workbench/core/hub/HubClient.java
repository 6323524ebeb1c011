package kr.sbert.workbench.core.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.io.BoundedJson;
import kr.sbert.workbench.core.task.CancelledException;

/**
 * Speaks the hub's HTTP protocol as huggingface_hub does: repo info, {@code HEAD} on resolve
 * URLs, and ranged {@code GET}s. Redirects are followed by hand: the token
 * ({@code Authorization: Bearer}) goes only to the endpoint's own host, never to a redirect
 * target elsewhere (the CDN or storage host LFS files are served from). Every failure becomes a
 * one-line {@link HubException} that says what to do.
 */
public final class HubClient {
    private static final int MAX_REDIRECTS = 5;
    /** One try waits this long for the answer's headers (all tries together: {@code Limits.requestDeadline}). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "kr-sbert-workbench/0.1.0; java/" + Runtime.version().feature();

    private final HubSettings settings;
    private final URI endpoint;
    private final RetryPolicy retry;
    private final HttpClient http;

    public HubClient(HubSettings settings) {
        this(settings, RetryPolicy.DEFAULT);
    }

    public HubClient(HubSettings settings, RetryPolicy retry) {
        this.settings = Objects.requireNonNull(settings);
        this.retry = Objects.requireNonNull(retry);
        try {
            this.endpoint = new URI(settings.endpoint());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("HF_ENDPOINT is not a URL: " + settings.endpoint());
        }
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The retry policy downloads use. */
    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** The endpoint, as given. */
    public String endpoint() {
        return settings.endpoint();
    }

    /** {@code GET /api/models/{id}/revision/{rev}}: the commit and file list. */
    public RepoInfo repoInfo(String repoId, String revision) throws HubException, CancelledException {
        URI url = URI.create(settings.endpoint() + "/api/models/" + repoId + "/revision/" + encode(revision));
        HttpResponse<InputStream> r = sendFollowing(url, "GET", HttpResponse.BodyHandlers.ofInputStream(), true,
                repoId, revision, null);
        if (r.statusCode() != 200) {
            closeQuietly(r.body());
            throw errorFor(r, repoId, revision, null);
        }
        String what = settings.endpoint() + " sent repo info for " + repoId;
        String body = BoundedBody.read(r.body(), Limits.METADATA_MAX_BYTES, Limits.metadataDeadline(), what);
        try {
            JsonElement root = BoundedJson.parse(body);
            if (!root.isJsonObject()) {
                throw new HubException(what + " that is not the hub's JSON (not an object)");
            }
            JsonObject o = root.getAsJsonObject();
            JsonElement shaJson = o.get("sha");
            String sha = shaJson != null && shaJson.isJsonPrimitive() ? shaJson.getAsString() : null;
            HubCache.checkCommit(sha);
            List<String> siblings = new ArrayList<>();
            JsonElement list = o.get("siblings");
            if (list != null && list.isJsonArray()) {
                for (JsonElement s : list.getAsJsonArray()) {
                    JsonElement name = s.isJsonObject() ? s.getAsJsonObject().get("rfilename") : null;
                    if (name == null || !name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString()) {
                        throw new HubException(what + " that is not the hub's JSON (a sibling without rfilename: "
                                + BoundedJson.describe(s) + ")");
                    }
                    siblings.add(name.getAsString());
                }
            }
            return new RepoInfo(repoId, sha, siblings);
        } catch (BoundedJson.JsonProblem e) {
            throw new HubException(what + " that is not the hub's JSON: " + e.getMessage(), e);
        }
    }

    /**
     * {@code HEAD} on a file's resolve URL. Relative redirects (a renamed repo) are followed;
     * a redirect to another host is not: its {@code Location} is where the bytes are.
     */
    public FileMetadata head(String repoId, String revision, String path) throws HubException, CancelledException {
        URI url = URI.create(settings.endpoint() + "/" + repoId + "/resolve/" + encode(revision) + "/" + encodePath(path));
        HttpResponse<Void> r = sendFollowing(url, "HEAD", HttpResponse.BodyHandlers.discarding(), false,
                repoId, revision, path);
        int code = r.statusCode();
        if (code != 200 && !(code >= 300 && code < 400)) {
            throw errorFor(r, repoId, revision, path);
        }
        String commit = header(r, "X-Repo-Commit").orElseThrow(() -> new HubException(url
                + " did not answer like a model hub (no X-Repo-Commit header); check HF_ENDPOINT"));
        String rawEtag = header(r, "X-Linked-Etag").or(() -> header(r, "ETag")).orElseThrow(() -> new HubException(url
                + " sent no ETag, so the file cannot be cached reliably; check HF_ENDPOINT"));
        long size = header(r, "X-Linked-Size").or(() -> header(r, "Content-Length")).map(HubClient::parseSize).orElse(-1L);
        URI location = r.uri();
        if (code >= 300) {
            location = resolveLocation(r).orElseThrow(() -> new HubException(url + " redirected without a Location"));
        }
        return new FileMetadata(path, commit, HubCache.checkEtag(normalizeEtag(rawEtag)), size, checkScheme(location));
    }

    /**
     * A {@code GET} of a file's bytes from {@code offset} on ({@code Range: bytes=N-} when N &gt; 0),
     * following redirects. The caller reads and closes the body; status 200, 206 and 416 are
     * returned, other statuses become a {@link HubException} ({@link #isRetryable} ones retried by
     * the caller).
     */
    HttpResponse<InputStream> get(FileMetadata file, String repoId, long offset) throws IOException, HubException,
            CancelledException {
        URI url = file.location();
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = request(checkScheme(url), "GET");
            if (offset > 0) {
                b.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<InputStream> r = send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            int code = r.statusCode();
            if (code >= 300 && code < 400 && hop < MAX_REDIRECTS) {
                Optional<URI> next = resolveLocation(r);
                r.body().close();
                if (next.isEmpty()) {
                    throw new HubException(url + " redirected without a Location");
                }
                url = next.get();
                continue;
            }
            if (code == 200 || code == 206 || code == 416) {
                return r;
            }
            HubException e;
            try (InputStream body = r.body()) {
                e = errorFor(r, repoId, file.commit(), file.path());
            }
            if (isRetryable(code)) {
                throw new RetryableStatusException(e.getMessage());
            }
            throw e;
        }
    }

    /** Only http(s) is fetched: a redirect to {@code file:} or anything else is refused. */
    private static URI checkScheme(URI url) throws HubException {
        String scheme = url.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new HubException("the hub redirected to an unusable address '" + url + "' (only http and https are fetched)");
        }
        return url;
    }

    /** True for statuses worth retrying: rate limits and server-side failures. */
    static boolean isRetryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** An HTTP status that may pass if retried; an {@link IOException} so retry loops treat it as a drop. */
    static final class RetryableStatusException extends IOException {
        RetryableStatusException(String message) {
            super(message);
        }
    }

    /** True when a request to this URL may carry the token: same scheme, host and port as the endpoint. */
    boolean sendsTokenTo(URI url) {
        return Objects.equals(lower(url.getScheme()), lower(endpoint.getScheme()))
                && Objects.equals(lower(url.getHost()), lower(endpoint.getHost()))
                && port(url) == port(endpoint);
    }

    /** Turns a transport failure into the one-line error a user can act on. */
    HubException unreachable(IOException e) {
        String reason = describe(e);
        return new HubException("cannot reach the model hub at " + settings.endpoint() + " (" + reason
                + "); check the network or HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to use cached models only", e);
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "host name not found";
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused or network unreachable";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? "connection failed" : UserText.quote(msg);
    }

    private static boolean isUnresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** Sends with retries on connection failures; follows redirects (all, or only relative ones). */
    private <T> HttpResponse<T> sendFollowing(URI url, String method, HttpResponse.BodyHandler<T> handler,
                                              boolean followAbsolute, String repoId, String revision, String path)
            throws HubException, CancelledException {
        long deadline = System.nanoTime() + kr.sbert.workbench.core.Limits.requestDeadline().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                URI current = url;
                for (int hop = 0; ; hop++) {
                    Duration left = Duration.ofNanos(deadline - System.nanoTime());
                    if (left.isNegative() || left.isZero()) {
                        throw new java.net.http.HttpTimeoutException("no answer within "
                                + kr.sbert.workbench.core.Limits.requestDeadline().toSeconds() + " s");
                    }
                    HttpResponse<T> r = send(request(current, method)
                            .timeout(left.compareTo(REQUEST_TIMEOUT) < 0 ? left : REQUEST_TIMEOUT).build(), handler);
                    int code = r.statusCode();
                    String location = header(r, "Location").orElse(null);
                    boolean redirect = code >= 300 && code < 400 && location != null && hop < MAX_REDIRECTS;
                    if (redirect && (followAbsolute || !URI.create(location).isAbsolute())) {
                        closeQuietly(r.body());
                        current = current.resolve(location);
                        continue;
                    }
                    if (isRetryable(code) && attempt <= retry.attempts()) {
                        closeQuietly(r.body());
                        throw new RetryableStatusException("HTTP " + code);
                    }
                    return r;
                }
            } catch (IOException e) {
                // a retryable status is only thrown while attempts remain; then the response is returned
                if (isUnresolved(e) || attempt > retry.attempts()
                        || System.nanoTime() + retry.delayBefore(attempt).toNanos() >= deadline) {
                    throw unreachable(e);
                }
                sleep(retry.delayBefore(attempt));
            } catch (IllegalArgumentException e) {
                throw new HubException("the hub sent an unusable redirect for " + url + ": "
                        + UserText.quote(e.getMessage()), e);
            }
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, CancelledException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    private HttpRequest.Builder request(URI url, String method) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity");
        if (settings.token().isPresent() && sendsTokenTo(url)) {
            b.header("Authorization", "Bearer " + settings.token().get());
        }
        return b;
    }

    private HubException errorFor(HttpResponse<?> r, String repoId, String revision, String path) {
        int code = r.statusCode();
        String errorCode = header(r, "X-Error-Code").orElse("");
        String id = repoId + (revision == null || "main".equals(revision) ? "" : "@" + revision);
        boolean token = settings.token().isPresent();
        if ("GatedRepo".equals(errorCode)) {
            return new HubException(repoId + " is gated (HTTP " + code + "): accept its terms at " + settings.endpoint()
                    + "/" + repoId + (token ? " with the account of your HF_TOKEN" : " and set HF_TOKEN to a token of that account"));
        }
        if ("RevisionNotFound".equals(errorCode)) {
            return new HubException("revision '" + revision + "' not found in " + repoId + " (HTTP " + code + ")");
        }
        if ("EntryNotFound".equals(errorCode) && path != null) {
            return new HubException(path + " not found in " + id + " (HTTP " + code + ")");
        }
        if (code == 401 || code == 403) {
            return new HubException("access to " + id + " denied (HTTP " + code + "): the repo is private or gated, or does not exist; "
                    + (token ? "the token in HF_TOKEN has no access to it" : "set HF_TOKEN to a token with access"));
        }
        if (code == 404) {
            return new HubException(path == null
                    ? "model " + id + " not found on " + settings.endpoint() + " (HTTP 404): check the id and revision"
                    : path + " not found in " + id + " on " + settings.endpoint() + " (HTTP 404)");
        }
        return new HubException(settings.endpoint() + " answered HTTP " + code + " for " + id
                + (path == null ? "" : " " + path) + "; try again later");
    }

    /** The redirect target; a {@code Location} that is not a valid URI is the hub's failure, said so. */
    private static Optional<URI> resolveLocation(HttpResponse<?> r) throws HubException {
        Optional<String> loc = header(r, "Location");
        if (loc.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(r.uri().resolve(new URI(loc.get().strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HubException(r.uri().getHost() + " redirected to '" + UserText.quote(loc.get())
                    + "', which is not a valid address");
        }
    }

    private static void closeQuietly(Object body) {
        if (body instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // only releasing the connection
            }
        }
    }

    private static Optional<String> header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).filter(v -> !v.isBlank());
    }

    /** huggingface_hub's ETag normalisation: drop a weak {@code W/} prefix and the quotes. */
    static String normalizeEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    private static long parseSize(String value) {
        try {
            long n = Long.parseLong(value.strip());
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Encodes a revision as one path segment: {@code refs/pr/1} → {@code refs%2Fpr%2F1}. */
    static String encode(String revision) {
        return URLEncoder.encode(revision, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(encode(part));
        }
        return sb.toString();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static void sleep(Duration d) throws CancelledException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }
}
