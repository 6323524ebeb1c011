package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import kr.sbert.workbench.core.hub.FakeHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code embed --model org/name} downloads through the cache and gives the folder's numbers. */
class EmbedFromHubTest {
    static final Path FIXTURE = Path.of(System.getProperty("shared.dir"), "fixtures", "tiny-kr-sbert");

    @TempDir
    Path tmp;
    FakeHub hub;
    Map<String, String> saved = ModelOpener.hubEnvironment;

    @AfterEach
    void restore() {
        ModelOpener.hubEnvironment = saved;
        if (hub != null) {
            hub.close();
        }
    }

    String embed(String model) {
        StringWriter out = new StringWriter();
        CommandLine cl = WorkbenchCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("embed", "--model", model, "--json", "잠이 옵니다", "기차가 옵니다")).isEqualTo(ExitCodes.OK);
        return out.toString();
    }

    @Test
    void hubIdGivesTheSameEmbeddingsAsTheFolder() throws Exception {
        hub = new FakeHub();
        hub.serveFolder("org/tiny", "1111111111222222222233333333334444444444", FIXTURE);
        ModelOpener.hubEnvironment = Map.of("HOME", tmp.toString(), "HF_HUB_CACHE", tmp.resolve("cache").toString(),
                "HF_ENDPOINT", hub.endpoint());

        String fromFolder = embed(FIXTURE.toString());
        String fromHub = embed("org/tiny");
        assertThat(fromHub).isEqualTo(fromFolder).contains("\"embedding\"");

        // and again offline, from the cache alone
        hub.close();
        hub = null;
        ModelOpener.hubEnvironment = Map.of("HOME", tmp.toString(), "HF_HUB_CACHE", tmp.resolve("cache").toString(),
                "HF_HUB_OFFLINE", "1");
        assertThat(embed("org/tiny")).isEqualTo(fromFolder);
    }
}
