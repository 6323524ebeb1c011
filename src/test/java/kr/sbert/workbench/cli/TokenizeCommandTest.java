package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenize} against the tiny fixture's expected tokens and ids. */
class TokenizeCommandTest {
    /** Not NFC: decomposed Hangul (27) and a compatibility ideograph (28); the fixture applied NFC. */
    private static final Set<Integer> NOT_NFC = Set.of(27, 28);

    @TempDir
    Path tmp;

    private static List<String> fixtureTexts() {
        return Fixtures.tinySentences().stream().map(s -> s.get("text").getAsString()).toList();
    }

    private static void assertMatchesFixture(JsonObject got, int id) {
        JsonObject expected = Fixtures.tinySentences().get(id);
        assertThat(got.get("text").getAsString()).as("text %d", id).isEqualTo(expected.get("text").getAsString());
        assertThat(Fixtures.strings(got.getAsJsonArray("tokens"))).as("tokens of %d", id)
                .isEqualTo(Fixtures.strings(expected.getAsJsonArray("tokens")));
        assertThat(Fixtures.longs(got.getAsJsonArray("input_ids"))).as("input_ids of %d", id)
                .containsExactly(Fixtures.longs(expected.getAsJsonArray("input_ids")));
        assertThat(got.get("truncated").getAsBoolean()).as("truncated %d", id)
                .isEqualTo(expected.get("truncated").getAsBoolean());
    }

    @Test
    void jsonOutputMatchesTheFixtureForEveryNfcText() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        List<String> texts = fixtureTexts();
        assertThat(texts).anyMatch(t -> t.contains("\t") && t.contains("\n"));
        Path input = Cli.jsonl(tmp.resolve("texts.jsonl"), texts);

        Cli.Result r = Cli.run("tokenize", "--model", model.toString(), "--json", "--input", input.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<JsonObject> lines = r.jsonLines();
        assertThat(lines).hasSize(texts.size());
        for (int id = 0; id < texts.size(); id++) {
            if (!NOT_NFC.contains(id)) {
                assertMatchesFixture(lines.get(id), id);
            }
        }
        for (int id : NOT_NFC) {
            assertThat(r.err()).contains("warning: text " + (id + 1) + " is not in Unicode NFC");
        }
        assertThat(r.errLines()).filteredOn(l -> l.contains("not in Unicode NFC")).hasSize(NOT_NFC.size());
    }

    @Test
    void offsetsCountCodePointsOfTheTextAsGivenLikePythonIndices() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        String emoji = fixtureTexts().get(21);
        String padded = fixtureTexts().get(29);
        assertThat(emoji).isEqualTo("오늘 날씨 진짜 좋다 \uD83D\uDE0A\uD83D\uDC4D\uD83C\uDFFB");
        assertThat(padded).startsWith("  앞뒤 공백과\t탭\n");

        Cli.Result r = Cli.run("tokenize", "--model", model.toString(), "--json", emoji, padded);

        assertThat(r.code()).as(r.err()).isZero();
        // By hand: three astral code points, one per piece (😊, ##👍, ##🏻), each one Python index wide.
        assertThat(r.jsonLines().get(0).get("offsets").toString())
                .isEqualTo("[[0,2],[3,5],[6,8],[9,11],[12,13],[13,14],[14,15]]");
        // Stripping does not shift them: they index the text as given, leading spaces included.
        assertThat(r.jsonLines().get(1).get("offsets").toString())
                .startsWith("[[2,4],[5,7],[7,8],[9,10],[11,12],");
    }

    @Test
    void nfcOptionGivesTheFixtureTokensForDecomposedTexts() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        List<String> texts = NOT_NFC.stream().sorted().map(id -> fixtureTexts().get(id)).toList();
        Path input = Cli.jsonl(tmp.resolve("nfc.jsonl"), texts);

        Cli.Result without = Cli.run("tokenize", "--model", model.toString(), "--json", "--input", input.toString());
        Cli.Result with = Cli.run("tokenize", "--model", model.toString(), "--json", "--nfc", "--input", input.toString());

        assertThat(with.code()).as(with.err()).isZero();
        assertThat(with.err()).doesNotContain("not in Unicode NFC");
        List<Integer> ids = NOT_NFC.stream().sorted().toList();
        for (int i = 0; i < ids.size(); i++) {
            JsonObject expected = Fixtures.tinySentences().get(ids.get(i));
            assertThat(Fixtures.longs(with.jsonLines().get(i).getAsJsonArray("input_ids")))
                    .containsExactly(Fixtures.longs(expected.getAsJsonArray("input_ids")));
            assertThat(Fixtures.strings(with.jsonLines().get(i).getAsJsonArray("tokens")))
                    .isEqualTo(Fixtures.strings(expected.getAsJsonArray("tokens")));
            // Without --nfc the fast tokenizer splits them differently: that is why the warning exists.
            assertThat(Fixtures.longs(without.jsonLines().get(i).getAsJsonArray("input_ids")))
                    .isNotEqualTo(Fixtures.longs(expected.getAsJsonArray("input_ids")));
        }
    }

    @Test
    void worksOnAFolderWithOnlyVocabAndTokenizerConfig() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("tokenizer-only"));
        Files.copy(Fixtures.tinyModel().resolve("vocab.txt"), folder.resolve("vocab.txt"));
        Files.copy(Fixtures.tinyModel().resolve("tokenizer_config.json"), folder.resolve("tokenizer_config.json"));
        // Short texts only: this folder states no max_seq_length, so nothing is truncated at 24.
        List<Integer> ids = List.of(0, 2, 21, 22, 25);
        Path input = Cli.jsonl(tmp.resolve("some.jsonl"), ids.stream().map(id -> fixtureTexts().get(id)).toList());

        Cli.Result r = Cli.run("tokenize", "--model", folder.toString(), "--json", "--input", input.toString());

        assertThat(r.code()).as(r.err()).isZero();
        for (int i = 0; i < ids.size(); i++) {
            assertMatchesFixture(r.jsonLines().get(i), ids.get(i));
        }
    }
}
