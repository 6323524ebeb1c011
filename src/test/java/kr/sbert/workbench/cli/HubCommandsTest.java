package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kr.sbert.workbench.core.hub.FakeHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code download}, {@code models} and {@code models --remove} through the real command line. */
class HubCommandsTest {
    static final Path FIXTURE = Path.of(System.getProperty("shared.dir"), "fixtures", "tiny-kr-sbert");
    static final String COMMIT = "1111111111222222222233333333334444444444";

    @TempDir
    Path tmp;
    FakeHub hub;
    Map<String, String> env;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        hub = new FakeHub();
        hub.serveFolder("org/tiny", COMMIT, FIXTURE);
        env = new HashMap<>(Map.of("HOME", tmp.toString(), "HF_HUB_CACHE", tmp.resolve("cache").toString(),
                "HF_ENDPOINT", hub.endpoint() + "/"));
    }

    @AfterEach
    void tearDown() {
        hub.close();
    }

    int run(String... args) {
        CommandLine cl = WorkbenchCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ((DownloadCommand) cl.getSubcommands().get("download").getCommand()).environment = env;
        ((ModelsCommand) cl.getSubcommands().get("models").getCommand()).environment = env;
        return cl.execute(args);
    }

    @Test
    void downloadPrintsTheSnapshotFolderAndModelsShowsItCached() throws Exception {
        assertThat(run("download", "org/tiny")).isEqualTo(ExitCodes.OK);
        Path snapshot = tmp.resolve("cache/models--org--tiny/snapshots").resolve(COMMIT);
        assertThat(out.toString().strip()).isEqualTo(snapshot.toString());
        assertThat(snapshot.resolve("model.safetensors")).hasSameBinaryContentAs(FIXTURE.resolve("model.safetensors"));

        out.getBuffer().setLength(0);
        assertThat(run("models")).isEqualTo(ExitCodes.OK);
        String listing = out.toString();
        assertThat(listing).contains("cache: " + tmp.resolve("cache"))
                .contains("snunlp/KR-SBERT-V40K-klueNLI-augSTS").contains("not cached (download snunlp/KR-SBERT-V40K-klueNLI-augSTS)")
                .contains("snunlp/KR-SBERT-Medium-klueNLI-klueSTS").contains("20,000")
                .contains("other cached models:").contains("org/tiny  cached: main=1111111111");
        // size on disk = the blobs (each file once, links not counted) + the 40-byte refs/main
        long bytes = 40;
        try (var blobs = Files.list(tmp.resolve("cache/models--org--tiny/blobs"))) {
            for (Path b : blobs.toList()) {
                bytes += Files.size(b);
            }
        }
        assertThat(listing).contains(String.format(java.util.Locale.ROOT, "; %.1f MB on disk", bytes / 1e6));
    }

    @Test
    void removeFreesTheSpaceAndSaysWhat() throws Exception {
        assertThat(run("download", "org/tiny")).isEqualTo(ExitCodes.OK);
        out.getBuffer().setLength(0);

        assertThat(run("models", "--remove", "org/tiny")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("removed org/tiny: 1 snapshot(s), ").contains("MB freed");
        assertThat(tmp.resolve("cache/models--org--tiny")).doesNotExist();

        assertThat(run("models", "--remove", "org/tiny")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("error: --remove org/tiny: not in the cache");
    }

    @Test
    void hubFailuresExitWithTheHubCode() {
        assertThat(run("download", "org/nothing")).isEqualTo(ExitCodes.HUB);
        assertThat(err.toString()).startsWith("error: model org/nothing not found on " + hub.endpoint());

        env.put("HF_HUB_OFFLINE", "1");
        err.getBuffer().setLength(0);
        assertThat(run("download", "org/tiny")).isEqualTo(ExitCodes.HUB);
        assertThat(err.toString()).contains("offline").contains("download org/tiny");
    }

    @Test
    void malformedIdIsAUsageOfBadInput() {
        assertThat(run("download", "not-an-id")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("not-an-id").contains("org/name");
    }
}
