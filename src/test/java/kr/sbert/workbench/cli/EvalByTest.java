package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --by}: per-slice metrics equal {@code eval} run on the slice alone. */
class EvalByTest {
    @TempDir
    Path tmp;

    @Test
    void byGenreGivesTheFilesCountsAndTheMetricsOfEachSliceAlone() throws Exception {
        checkSlicesAgainstSlicesAlone(Fixtures.shared().resolve("data/korsts/sts-dev.tsv"), "genre", 0, null);
    }

    /** The tiny neural model on the bundled sample (69 pairs), sliced by its filename column. */
    @Test
    void byFilenameWithANeuralModelGivesTheMetricsOfEachSliceAlone() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        checkSlicesAgainstSlicesAlone(Path.of("sample-data/korean-sts-sample.tsv"), "filename", 1, model.toString());
    }

    /**
     * @param column the KorSTS column sliced by, and its index
     * @param other  a second model or null; the first is baseline:jaccard (whose score of a pair ignores the rest of
     *               the data; char-ngram's IDF is fitted on the whole file, so its slice scores depend on the rest)
     */
    private void checkSlicesAgainstSlicesAlone(Path dev, String by, int column, String other) throws Exception {
        String model = "baseline:jaccard";
        List<String> lines = Files.readAllLines(dev, StandardCharsets.UTF_8);
        Map<String, Integer> genres = new TreeMap<>();
        lines.subList(1, lines.size()).forEach(l -> genres.merge(l.split("\t", -1)[column], 1, Integer::sum));

        List<String> models = other == null ? List.of("--model", model) : List.of("--model", model, "--model", other);
        Cli.Result all = run(models, "--data", dev.toString(), "--by", by, "--json");

        assertThat(all.code()).as(all.err()).isZero();
        JsonObject slices = JsonParser.parseString(all.out()).getAsJsonObject().getAsJsonObject("slices");
        assertThat(slices.get("by").getAsString()).isEqualTo(by);
        JsonObject neural = slices.getAsJsonArray("models").get(0).getAsJsonObject();
        Map<String, Integer> sizes = new TreeMap<>();
        neural.getAsJsonArray("slices").forEach(s -> sizes.put(s.getAsJsonObject().get("slice").getAsString(),
                s.getAsJsonObject().get("pairs").getAsInt()));
        assertThat(sizes).isEqualTo(genres);

        // The smallest genre, written to a file of its own and evaluated from scratch.
        String genre = genres.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        lines.subList(1, lines.size()).stream().filter(l -> l.split("\t", -1)[column].equals(genre))
                .forEach(l -> sb.append(l).append('\n'));
        Path alone = Files.writeString(tmp.resolve("alone.tsv"), sb.toString());
        Cli.Result one = run(models, "--data", alone.toString(), "--json");
        assertThat(one.code()).as(one.err()).isZero();
        JsonObject expectedRoot = JsonParser.parseString(one.out()).getAsJsonObject();
        for (int m = 0; m < models.size() / 2; m++) {
            JsonObject expected = expectedRoot.getAsJsonArray("models").get(m).getAsJsonObject();
            JsonObject got = null;
            for (JsonElement s : slices.getAsJsonArray("models").get(m).getAsJsonObject().getAsJsonArray("slices")) {
                if (s.getAsJsonObject().get("slice").getAsString().equals(genre)) {
                    got = s.getAsJsonObject();
                }
            }
            assertThat(got).isNotNull();
            assertThat(got.get("n").getAsInt()).isEqualTo(expected.get("n").getAsInt());
            JsonObject gm = got.getAsJsonObject("metrics");
            JsonObject em = expected.getAsJsonObject("metrics");
            assertThat(gm.keySet()).isEqualTo(em.keySet());
            for (String k : em.keySet()) {
                if (em.get(k).isJsonNull()) {
                    assertThat(gm.get(k).isJsonNull()).as(k).isTrue();
                } else {
                    // A neural model encodes the slice in other batches (matrix products of other sizes):
                    // float rounding of up to 6e-7 in this fixture's embeddings, which the calibrated MSE's
                    // fitted map can magnify a few times (2.5e-6 seen).
                    assertThat(gm.get(k).getAsDouble()).as(k).isCloseTo(em.get(k).getAsDouble(), within(1e-5));
                }
            }
            for (String k : List.of("pearson_cosine", "spearman_cosine")) {
                for (int e = 0; e < 2; e++) {
                    assertThat(got.getAsJsonObject("intervals").getAsJsonArray(k).get(e).getAsDouble()).as(k)
                            .isCloseTo(expected.getAsJsonObject("intervals").getAsJsonArray(k).get(e).getAsDouble(), within(1e-6));
                }
            }
        }
    }

    private static Cli.Result run(List<String> models, String... rest) {
        List<String> args = new java.util.ArrayList<>(List.of("eval", "--threads", "1"));
        args.addAll(models);
        args.addAll(List.of(rest));
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void byLengthAndUnkUseTheModelsTokensAndTheTablePrintsEachSlice() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path data = Path.of("sample-data/korean-sts-sample.tsv");
        Cli.Result r = Cli.run("eval", "--model", model.toString(), "--data", data.toString(), "--by", "unk");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(model + " by unk:").contains("without [UNK]");
        Cli.Result len = Cli.run("eval", "--model", "baseline:jaccard", "--model", model.toString(),
                "--data", data.toString(), "--by", "length", "--json");
        assertThat(len.code()).as(len.err()).isZero();
        assertThat(len.out()).contains("\"slice\": \"tokens 1–16\"");
    }

    @Test
    void anUnknownColumnIsOneLineNamingTheColumnsThereAre() {
        Cli.Result r = Cli.run("eval", "--model", "baseline:jaccard", "--data", "sample-data/korean-sts-sample.tsv",
                "--by", "nope");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l).contains("no column 'nope' to slice by"));
        Cli.Result b = Cli.run("eval", "--model", "baseline:jaccard", "--data", "sample-data/korean-sts-sample.tsv",
                "--by", "length");
        assertThat(b.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(b.err()).as("refused before the data is read").doesNotContain("data: ");
        assertThat(b.errLines()).anySatisfy(l -> assertThat(l).contains("baselines have no tokenizer"));
    }
}
