package kr.sbert.workbench.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache lock is the kind huggingface_hub takes ({@code filelock} = {@code flock(2)}), tested
 * against a real holder: util-linux {@code flock} on the same {@code .locks/<repo>/<etag>.lock}.
 */
@Timeout(60)
class FlockInteropTest {
    static final Path FLOCK = Path.of("/usr/bin/flock");

    @TempDir
    Path tmp;
    FakeHub hub;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(FLOCK), "util-linux flock is not installed");
        hub = new FakeHub();
        hub.serveFolder("org/tiny", HubDownloadTest.COMMIT, HubDownloadTest.FIXTURE);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aDownloadWaitsForAPythonStyleHolderThenUsesItsBlobWithoutFetchingIt() throws Exception {
        byte[] weights = Files.readAllBytes(HubDownloadTest.FIXTURE.resolve("model.safetensors"));
        String sha = FakeHub.sha256(weights);
        Path cache = tmp.resolve("cache");
        HubCache layout = new HubCache(cache);
        Path lock = layout.lockPath("org/tiny", sha);
        Path blob = layout.blobPath("org/tiny", sha);
        Files.createDirectories(lock.getParent());
        Files.createDirectories(blob.getParent());
        Path started = tmp.resolve("started");
        // What huggingface_hub does under its lock: write blobs/<etag>.incomplete, then move it into place.
        String script = "touch '" + started + "'; sleep 2; cp '" + HubDownloadTest.FIXTURE.resolve("model.safetensors")
                + "' '" + blob + ".incomplete'; mv '" + blob + ".incomplete' '" + blob + "'";
        Process holder = new ProcessBuilder(FLOCK.toString(), lock.toString(), "-c", script)
                .redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(started) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(started).exists();
            long before = System.nanoTime();

            HubSettings s = new HubSettings(cache, hub.endpoint(), Optional.empty(), false);
            Path snapshot = new ModelLocator(s).locate("org/tiny", ProgressListener.NONE, CancelToken.NONE);

            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isZero();
            assertThat(waitedMillis).as("waited for the holder's lock").isGreaterThan(1_000);
            assertThat(hub.requests("cdn", "GET", sha)).as("the blob is not downloaded a second time").isEmpty();
            assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
            assertThat(Path.of(blob + ".incomplete")).doesNotExist();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void whileTheWorkbenchHoldsTheLockFlockCannotTakeIt() throws Exception {
        Path lock = tmp.resolve(".locks/models--org--tiny/" + "a".repeat(64) + ".lock");
        try (BlobLock held = BlobLock.acquire(lock)) {
            Process p = new ProcessBuilder(FLOCK.toString(), "-n", lock.toString(), "true").start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("flock -n fails: the lock is taken").isEqualTo(1);
        }
        Process p = new ProcessBuilder(FLOCK.toString(), "-n", lock.toString(), "true").start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("released: flock -n succeeds").isZero();
    }
}
