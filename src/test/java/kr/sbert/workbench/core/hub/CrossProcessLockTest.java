package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob lock holds across processes: a second JVM waits and reuses the blob the first wrote. */
class CrossProcessLockTest {
    @TempDir
    Path tmp;
    FakeHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub();
        hub.serveFolder("org/tiny", HubDownloadTest.COMMIT, HubDownloadTest.FIXTURE);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aSecondProcessWaitsForTheBlobInsteadOfWritingItToo() throws Exception {
        hub.chunkDelayMillis = 25; // ~2 s for the 5 MB weights, so the two downloads overlap
        byte[] weights = Files.readAllBytes(HubDownloadTest.FIXTURE.resolve("model.safetensors"));
        String sha = FakeHub.sha256(weights);
        Path cache = tmp.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djna.tmpdir=" + System.getProperty("jna.tmpdir", tmp.resolve("jna").toString()),
                DownloadInAnotherProcess.class.getName(), cache.toString(), hub.endpoint(), "org/tiny")
                .redirectErrorStream(true).start();
        try {
            // wait until the child is fetching the weights (it holds the blob's lock then)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (hub.requests("cdn", "GET", sha).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(hub.requests("cdn", "GET", sha)).hasSize(1);

            HubSettings s = new HubSettings(cache, hub.endpoint(), Optional.empty(), false);
            Path here = new ModelLocator(s).locate("org/tiny", ProgressListener.NONE, CancelToken.NONE);

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String childOut = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(childOut).isZero();
            assertThat(childOut.strip()).endsWith(here.toString());
            assertThat(Files.readAllBytes(here.resolve("model.safetensors"))).isEqualTo(weights);
            assertThat(hub.requests("cdn", "GET", sha)).hasSize(1);
            try (var blobs = Files.list(cache.resolve("models--org--tiny/blobs"))) {
                List<String> names = blobs.map(p -> p.getFileName().toString()).toList();
                assertThat(names).filteredOn(n -> n.startsWith(sha)).containsExactly(sha);
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
