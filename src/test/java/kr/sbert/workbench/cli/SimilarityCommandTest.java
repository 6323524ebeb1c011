package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code similarity} against the fixture's pair cosines (sentence-transformers' util.cos_sim, float64). */
class SimilarityCommandTest {
    private static final double TOLERANCE = 1e-6;

    @TempDir
    Path tmp;

    private static List<JsonObject> fixturePairs() {
        List<JsonObject> pairs = new ArrayList<>();
        for (JsonElement e : Fixtures.tinyExpected().getAsJsonArray("pairs")) {
            pairs.add(e.getAsJsonObject());
        }
        return pairs;
    }

    private static String text(JsonObject pair, String side) {
        return Fixtures.tinySentences().get(pair.get(side).getAsInt()).get("text").getAsString();
    }

    @Test
    void twoTextsGiveTheFixtureCosine() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        JsonObject pair = fixturePairs().get(1);

        Cli.Result json = Cli.run("similarity", "--model", model.toString(), "--json", text(pair, "a"), text(pair, "b"));
        Cli.Result plain = Cli.run("similarity", "--model", model.toString(), text(pair, "a"), text(pair, "b"));

        assertThat(json.code()).as(json.err()).isZero();
        double expected = pair.get("cosine_float64").getAsDouble();
        assertThat(json.jsonLines()).singleElement().satisfies(o ->
                assertThat(o.get("cosine").getAsDouble()).isCloseTo(expected, within(TOLERANCE)));
        // The plain form prints 6 decimals: off by at most half a unit of the last one more.
        assertThat(plain.code()).isZero();
        assertThat(Double.parseDouble(plain.out().strip())).isCloseTo(expected, within(TOLERANCE + 5e-7));
    }

    @Test
    void pairsFileGivesEveryFixtureCosineInFileOrder() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        List<JsonObject> pairs = fixturePairs().subList(0, 6);
        StringBuilder csv = new StringBuilder("sentence1,sentence2\n");
        for (JsonObject p : pairs) {
            csv.append('"').append(text(p, "a").replace("\"", "\"\"")).append("\",\"")
                    .append(text(p, "b").replace("\"", "\"\"")).append("\"\n");
        }
        Path file = Files.writeString(tmp.resolve("pairs.csv"), csv, StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("similarity", "--model", model.toString(), "--json", "--pairs", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<JsonObject> lines = r.jsonLines();
        assertThat(lines).hasSize(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            assertThat(lines.get(i).get("sentence1").getAsString()).isEqualTo(text(pairs.get(i), "a"));
            assertThat(lines.get(i).get("sentence2").getAsString()).isEqualTo(text(pairs.get(i), "b"));
            assertThat(lines.get(i).get("cosine").getAsDouble()).as("pair %d", i)
                    .isCloseTo(pairs.get(i).get("cosine_float64").getAsDouble(), within(TOLERANCE));
        }
    }
}
