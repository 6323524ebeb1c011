package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import kr.sbert.workbench.core.hub.FakeHub;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tokenize --model org/name} needs the tokenizer alone: shipped, cached, or fetched without weights. */
class TokenizeFromHubTest {
    @TempDir
    Path tmp;
    private FakeHub hub;
    private final Map<String, String> saved = ModelOpener.hubEnvironment;

    @AfterEach
    void restore() {
        ModelOpener.hubEnvironment = saved;
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void v40kTokenizesOfflineWithAnEmptyCacheFromTheShippedFiles() {
        ModelOpener.hubEnvironment = Map.of("HOME", tmp.toString(), "HF_HUB_CACHE", tmp.resolve("cache").toString(),
                "HF_HUB_OFFLINE", "1");
        JsonObject expected = Fixtures.readJson(Fixtures.shared().resolve("fixtures/tokenization-korsts-klue.json"))
                .getAsJsonObject().getAsJsonArray("sentences").get(0).getAsJsonObject();
        String text = expected.get("text").getAsString();

        Cli.Result r = Cli.run("tokenize", "-m", "snunlp/KR-SBERT-V40K-klueNLI-augSTS", "--json", text);

        assertThat(r.code()).as(r.err()).isZero();
        JsonObject got = r.jsonLines().get(0);
        assertThat(Fixtures.strings(got.getAsJsonArray("tokens")))
                .isEqualTo(Fixtures.strings(expected.getAsJsonObject("v40k").getAsJsonArray("tokens")));
        assertThat(Fixtures.longs(got.getAsJsonArray("input_ids")))
                .containsExactly(Fixtures.longs(expected.getAsJsonObject("v40k").getAsJsonArray("input_ids")));
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void aHubIdFetchesNoWeightsToTokenize() throws Exception {
        hub = new FakeHub();
        hub.serveFolder("org/tiny", "1111111111222222222233333333334444444444", Fixtures.tinyModel());
        ModelOpener.hubEnvironment = Map.of("HOME", tmp.toString(), "HF_HUB_CACHE", tmp.resolve("cache").toString(),
                "HF_ENDPOINT", hub.endpoint());
        JsonObject expected = Fixtures.tinySentences().get(14); // longer than max_seq_length 24

        Cli.Result r = Cli.run("tokenize", "-m", "org/tiny", "--json", expected.get("text").getAsString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonObject got = r.jsonLines().get(0);
        assertThat(Fixtures.strings(got.getAsJsonArray("tokens"))).isEqualTo(Fixtures.strings(expected.getAsJsonArray("tokens")));
        assertThat(Fixtures.longs(got.getAsJsonArray("input_ids"))).containsExactly(Fixtures.longs(expected.getAsJsonArray("input_ids")));
        assertThat(got.get("truncated").getAsBoolean()).isTrue();
        assertThat(hub.seen).noneMatch(s -> s.path().contains("model.safetensors") || s.path().contains("pytorch_model.bin"));
        try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("vocab.txt").doesNotContain("model.safetensors", "pytorch_model.bin");
        }
        StringWriter listing = new StringWriter();
        CommandLine cl = WorkbenchCommand.newCommandLine();
        cl.setOut(new PrintWriter(listing, true));
        ((ModelsCommand) cl.getSubcommands().get("models").getCommand()).environment = ModelOpener.hubEnvironment;
        assertThat(cl.execute("models")).isEqualTo(ExitCodes.OK);
        assertThat(listing.toString()).contains("org/tiny  cached: main=1111111111")
                .contains("main: tokenizer files only, weights not downloaded");
    }
}
