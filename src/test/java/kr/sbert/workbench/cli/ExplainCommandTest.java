package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} on the tiny fixture: its cosine is {@code similarity}'s, its shares sum to it. */
class ExplainCommandTest {
    @TempDir
    Path tmp;

    private static JsonObject sentence(int id) {
        return Fixtures.tinySentences().get(id);
    }

    @Test
    void jsonAgreesWithSimilarityOnTheCosineAndFeedsTheFixtureIds() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path second = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model2"));
        // Sentence 14 is cut at max_seq_length 24: tokens and shares are those of the fed ids.
        String a = sentence(2).get("text").getAsString();
        String b = sentence(14).get("text").getAsString();
        Cli.Result similarity = Cli.run("similarity", "--model", model.toString(), "--json", a, b);
        Cli.Result explain = Cli.run("explain", "--model", model.toString(), "--model", second.toString(), "--json", a, b);
        assertThat(explain.code()).as(explain.err()).isZero();
        double cosine = similarity.jsonLines().get(0).get("cosine").getAsDouble();
        List<JsonObject> lines = explain.jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines).extracting(o -> o.get("model").getAsString()).containsExactly(model.toString(), second.toString());
        for (JsonObject o : lines) {
            assertThat(o.get("pooling").getAsString()).isEqualTo("mean");
            assertThat(o.get("cosine").getAsDouble()).isCloseTo(cosine, within(1e-6));
            checkSide(o.getAsJsonObject("a"), sentence(2), a, o.get("cosine").getAsDouble());
            checkSide(o.getAsJsonObject("b"), sentence(14), b, o.get("cosine").getAsDouble());
            JsonArray matrix = o.getAsJsonArray("token_similarity");
            assertThat(matrix.size()).isEqualTo(o.getAsJsonObject("a").getAsJsonArray("tokens").size());
            assertThat(matrix.get(0).getAsJsonArray().size()).isEqualTo(o.getAsJsonObject("b").getAsJsonArray("tokens").size());
        }
    }

    private static void checkSide(JsonObject side, JsonObject fixture, String text, double cosine) {
        assertThat(side.get("text").getAsString()).isEqualTo(text);
        assertThat(Fixtures.longs(side.getAsJsonArray("input_ids"))).containsExactly(Fixtures.longs(fixture.getAsJsonArray("input_ids")));
        assertThat(Fixtures.strings(side.getAsJsonArray("tokens")))
                .isEqualTo(Fixtures.strings(fixture.getAsJsonArray("tokens_fed_to_model")));
        JsonArray shares = side.getAsJsonArray("shares");
        assertThat(shares.size()).isEqualTo(side.getAsJsonArray("input_ids").size());
        double sum = 0;
        for (var s : shares) {
            sum += s.getAsDouble();
        }
        assertThat(sum).isCloseTo(cosine, within(1e-6));
    }

    @Test
    void plainFormPrintsEachTokenWithItsShareAndBestMatch() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path pairs = Files.writeString(tmp.resolve("p.tsv"), "sentence1\tsentence2\n"
                + sentence(0).get("text").getAsString() + "\t" + sentence(1).get("text").getAsString() + "\n");
        Cli.Result r = Cli.run("explain", "-m", model.toString(), "--pairs", pairs.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith(model + " (mean): cosine 0.99711");
        assertThat(lines.get(1)).isEqualTo("  a: " + sentence(0).get("text").getAsString());
        assertThat(lines.get(2)).matches("    \\[CLS\\] +share [+-]0\\.\\d{6}  best match \\S+ \\(-?\\d\\.\\d{4}\\)");
        // 12 fed tokens per side, each on its own line, after the side's heading.
        assertThat(lines).hasSize(1 + 2 * (1 + 12));
    }

    @Test
    void aBaselineIsRefusedInOneLine() {
        Cli.Result r = Cli.run("explain", "-m", "baseline:jaccard", "가", "나");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("baseline").doesNotContain("Exception");
    }

    /** Every --model is checked before the first one prints anything. */
    @Test
    void aBaselineAfterAModelIsRefusedBeforeAnyOutput() {
        Cli.Result r = Cli.run("explain", "-m", Fixtures.tinyModel().toString(), "-m", "baseline:char-ngram",
                "--pairs", "sample-data/korean-sts-sample.tsv");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("error: --model baseline:char-ngram");
        Cli.Result v = Cli.run("vocab-stats", "-m", Fixtures.tinyModel().toString(), "-m", "baseline:jaccard",
                "--data", "sample-data/korean-sts-sample.tsv");
        assertThat(v.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(v.out()).isEmpty();
        assertThat(v.errLines()).singleElement().asString().startsWith("error: --model baseline:jaccard");
    }
}
