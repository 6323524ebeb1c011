package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import kr.sbert.workbench.core.task.CancelToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misbehaving hub on loopback (a real HTTP server): endless or trickling bodies, more bytes
 * than announced, Range answered wrongly, unusable redirects, a planted symlink in the cache.
 * Every case ends, with a {@link HubException}, in seconds: the time budgets are lowered
 * through the {@code kr.sbert.workbench.net.*} properties {@code Limits} reads.
 */
@Timeout(60)
class HostileHubTest {
    static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(20));
    static final String COMMIT = "1111111111222222222233333333334444444444";

    @TempDir
    Path tmp;
    HttpServer server;
    ExecutorService pool = Executors.newCachedThreadPool();
    final AtomicInteger gets = new AtomicInteger();
    volatile Handler handler;

    interface Handler {
        void handle(HttpExchange ex) throws IOException, InterruptedException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            gets.incrementAndGet();
            try (ex) {
                handler.handle(ex);
            } catch (IOException | InterruptedException e) {
                // the client hung up: expected for the endless bodies
            }
        });
        server.setExecutor(pool);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
        System.clearProperty("kr.sbert.workbench.net.metadataDeadline");
        System.clearProperty("kr.sbert.workbench.net.minRate");
        System.clearProperty("kr.sbert.workbench.net.minRateWindow");
        System.clearProperty("kr.sbert.workbench.net.requestDeadline");
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    HubClient client() {
        return new HubClient(new HubSettings(tmp.resolve("cache"), base(), Optional.empty(), false), QUICK);
    }

    static void endless(HttpExchange ex, int status, long announced) throws IOException {
        ex.sendResponseHeaders(status, announced < 0 ? 0 : announced);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = ex.getResponseBody()) {
            while (true) {
                out.write(chunk); // until the client closes the connection
            }
        }
    }

    static void trickle(HttpExchange ex, int status, long announced) throws IOException, InterruptedException {
        ex.sendResponseHeaders(status, announced);
        try (OutputStream out = ex.getResponseBody()) {
            for (long i = 0; i < announced; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(100); // 10 bytes/s
            }
        }
    }

    @Test
    void anEndlessRepoInfoBodyIsCutAtItsByteBudget() {
        handler = ex -> endless(ex, 200, -1);
        long before = System.nanoTime();
        assertThatThrownBy(() -> client().repoInfo("org/m", "main"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("larger than 16 MB");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aTricklingRepoInfoBodyMeetsItsDeadline() {
        System.setProperty("kr.sbert.workbench.net.metadataDeadline", "1.5");
        handler = ex -> trickle(ex, 200, 1_000);
        assertThatThrownBy(() -> client().repoInfo("org/m", "main"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("too slowly");
    }

    @Test
    void deeplyNestedRepoInfoIsRefusedWithoutRenderingIt() {
        String deep = "{\"sha\":\"" + COMMIT + "\",\"siblings\":[" + "[".repeat(100_000) + "]".repeat(100_000) + "]}";
        handler = ex -> {
            byte[] b = deep.getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        };
        assertThatThrownBy(() -> client().repoInfo("org/m", "main"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("nested more than 64 levels")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void aSiblingThatIsNotAnObjectIsTheHubsFaultNotACrash() {
        String body = "{\"sha\":\"" + COMMIT + "\",\"siblings\":[[1,2,3]]}";
        handler = ex -> {
            byte[] b = body.getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        };
        assertThatThrownBy(() -> client().repoInfo("org/m", "main"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("a sibling without rfilename: an array of 3 values");
    }

    void redirectTo(String location) {
        handler = ex -> {
            ex.getResponseHeaders().add("X-Repo-Commit", COMMIT);
            ex.getResponseHeaders().add("ETag", "\"" + "a".repeat(64) + "\"");
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
        };
    }

    @Test
    void aLocationThatIsNotAUriIsAHubError() {
        redirectTo("http://cdn.example/ illegal|path^");
        assertThatThrownBy(() -> client().head("org/m", COMMIT, "model.safetensors"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("unusable redirect")
                .hasMessageContaining("http://cdn.example/ illegal|path^");
    }

    @Test
    void aCdnLocationThatIsNotAUriIsAHubErrorToo() throws Exception {
        redirectTo("http://cdn.example/ illegal|path^");
        assertThatThrownBy(() -> new BlobDownloader(client()).download("org/m", blob(10), incomplete(), n -> { },
                CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("redirected to 'http://cdn.example/ illegal|path^', which is not a valid address");
    }

    @Test
    void terminalEscapesFromTheServerAreShownNotSent() {
        redirectTo("http://cdn.example/\u001b[31mred\u001b]0;title\u0007");
        assertThatThrownBy(() -> client().head("org/m", COMMIT, "model.safetensors"))
                .isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("\\x1b[31mred").doesNotContain("\u001b")
                        .doesNotContain("\u0007"));
    }

    FileMetadata blob(long size) {
        return new FileMetadata("model.safetensors", COMMIT, "b".repeat(64), size, URI.create(base() + "/blob"));
    }

    Path incomplete() throws IOException {
        return Files.createDirectories(tmp.resolve("cache/blobs")).resolve("b".repeat(64) + ".incomplete");
    }

    @Test
    void anEndlessBodyAfterAnAnnouncedSizeWritesNoMoreThanThatSize() throws Exception {
        handler = ex -> endless(ex, 200, -1);
        Path target = incomplete();
        assertThatThrownBy(() -> new BlobDownloader(client()).download("org/m", blob(5_200_000), target, n -> { },
                CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("sends more than the 5200000 bytes it announced");
        assertThat(target).doesNotExist();
    }

    /** No size announced: a config or tokenizer file stops at the 32 MB a tokenizer may have, not gigabytes later. */
    @Test
    void anEndlessBodyOfUnannouncedSizeStopsAtItsKindsBudget() throws Exception {
        handler = ex -> endless(ex, 200, -1);
        Path target = incomplete();
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        FileMetadata config = new FileMetadata("tokenizer.json", COMMIT, "c".repeat(40), -1, URI.create(base() + "/blob"));
        assertThatThrownBy(() -> new BlobDownloader(client()).download("org/m", config, target, written::addAndGet,
                CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("tokenizer.json: the server sends more than the 33554432 bytes (32 MB)");
        assertThat(written.get()).isLessThanOrEqualTo(kr.sbert.workbench.core.Limits.TOKENIZER_MAX_BYTES);
        assertThat(target).doesNotExist();
        assertThat(BlobDownloader.budget(blob(-1))).as("a weight file of unannounced size").isEqualTo(3L << 30);
    }

    @Test
    void aTricklingBlobIsGivenUpAtTheMinimumRate() throws Exception {
        System.setProperty("kr.sbert.workbench.net.minRate", "1000");
        System.setProperty("kr.sbert.workbench.net.minRateWindow", "1");
        handler = ex -> trickle(ex, 200, 1_000_000);
        long before = System.nanoTime();
        assertThatThrownBy(() -> new BlobDownloader(client()).download("org/m", blob(1_000_000), incomplete(),
                n -> { }, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("slower than 1000 bytes/s");
        // two attempts, each dropped after its first one-second window: two slow ones in a row end it
        assertThat(gets.get()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aServerAnsweringRangeWithTheWholeFileAndDroppingDoesNotLoopForEver() throws Exception {
        byte[] data = new byte[200_000];
        handler = ex -> { // always 200 from byte 0, always hangs up after 100 KB
            ex.sendResponseHeaders(200, data.length);
            ex.getResponseBody().write(data, 0, 100_000);
            ex.getResponseBody().flush();
            throw new IOException("hang up");
        };
        assertThatThrownBy(() -> new BlobDownloader(client()).download("org/m", blob(data.length), incomplete(),
                n -> { }, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("failed after");
        assertThat(gets.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void aWrongContentRangeDoesNotResetTheFailureCount() throws Exception {
        byte[] data = new byte[200_000];
        handler = ex -> {
            if (ex.getRequestHeaders().getFirst("Range") != null) {
                ex.getResponseHeaders().add("Content-Range", "bytes 0-199999/200000"); // not where we asked
                ex.sendResponseHeaders(206, data.length);
                ex.getResponseBody().write(data);
                return;
            }
            ex.sendResponseHeaders(200, data.length);
            ex.getResponseBody().write(data, 0, 100_000);
            ex.getResponseBody().flush();
            throw new IOException("hang up");
        };
        assertThatThrownBy(() -> new BlobDownloader(client()).download("org/m", blob(data.length), incomplete(),
                n -> { }, CancelToken.NONE))
                .isInstanceOf(HubException.class);
        assertThat(gets.get()).isLessThanOrEqualTo(8);
    }

    /** Range honoured, but a few bytes per connection: that is no progress, so the retries run out. */
    @Test
    void aServerSendingAFewBytesPerConnectionIsGivenUp() throws Exception {
        handler = ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            long from = range == null ? 0 : Long.parseLong(range.replaceAll("\\D*(\\d+)-.*", "$1"));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-999999/1000000");
            ex.sendResponseHeaders(range == null ? 200 : 206, 1_000_000 - from);
            ex.getResponseBody().write(new byte[10]);
            ex.getResponseBody().flush();
            throw new IOException("hang up");
        };
        long before = System.nanoTime();
        assertThatThrownBy(() -> new BlobDownloader(client()).download("org/m", blob(1_000_000), incomplete(),
                n -> { }, CancelToken.NONE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("failed after");
        assertThat(gets.get()).isLessThanOrEqualTo(3); // QUICK: two retries
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
    }

    /** Headers trickled a byte at a time: every try and retry together end at the request deadline. */
    @Test
    void tricklingHeadersEndAtTheRequestDeadline() throws Exception {
        System.setProperty("kr.sbert.workbench.net.requestDeadline", "2");
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            pool.submit(() -> {
                while (!socket.isClosed()) {
                    java.net.Socket c = socket.accept();
                    pool.submit(() -> {
                        try (c; OutputStream out = c.getOutputStream()) {
                            for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                                out.write(b);
                                out.flush();
                                Thread.sleep(300);
                            }
                            Thread.sleep(60_000);
                        }
                        return null;
                    });
                }
                return null;
            });
            HubClient slow = new HubClient(new HubSettings(tmp.resolve("cache"),
                    "http://127.0.0.1:" + socket.getLocalPort(), Optional.empty(), false), QUICK);
            long before = System.nanoTime();
            assertThatThrownBy(() -> slow.repoInfo("org/m", "main")).isInstanceOf(HubException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aPlantedIncompleteSymlinkIsReplacedNotFollowed() throws Exception {
        byte[] data = "{\"hidden_size\": 32}".getBytes();
        handler = ex -> {
            ex.sendResponseHeaders(200, data.length);
            ex.getResponseBody().write(data);
        };
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "precious");
        Path target = incomplete();
        Files.createSymbolicLink(target, outside);
        FileMetadata f = new FileMetadata("config.json", COMMIT, "c".repeat(40), data.length, URI.create(base() + "/c"));

        new BlobDownloader(client()).download("org/m", f, target, n -> { }, CancelToken.NONE);

        assertThat(outside).hasContent("precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(target).hasBinaryContent(data);
    }
}
