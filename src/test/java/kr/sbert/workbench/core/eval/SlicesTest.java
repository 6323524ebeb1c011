package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slices of KorSTS dev and KLUE-STS dev: the readers keep genre/filename/source for every pair,
 * slice sizes equal the counts of the files themselves, and a slice's metrics equal those of the
 * slice evaluated on its own.
 */
class SlicesTest {
    @TempDir
    Path tmp;

    private static Path korstsDev() {
        return Fixtures.shared().resolve("data/korsts/sts-dev.tsv");
    }

    private static Path klueDev() {
        return Fixtures.shared().resolve("data/klue-sts/klue-sts-v1.1_dev.json");
    }

    /** Counts of one column of the KorSTS TSV, read here with a plain split. */
    private static Map<String, Integer> countColumn(Path tsv, int column) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                counts.merge(line.split("\t", -1)[column], 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<String, Integer> sliceSizes(List<SliceResult> slices) {
        Map<String, Integer> sizes = new TreeMap<>();
        slices.forEach(s -> sizes.put(s.slice(), s.pairs()));
        return sizes;
    }

    @Test
    void korStsDevKeepsEveryGenreAndFilenameWithTheFilesCounts() throws Exception {
        StsDataset d = StsReader.read(korstsDev(), ReadOptions.defaults());
        assertThat(d.pairs()).allSatisfy(p -> assertThat(p.attributes()).containsKeys("genre", "filename", "year", "id"));
        double[] score = new JaccardScorer().score(d.pairs(), ProgressListener.NONE, CancelToken.NONE);
        SliceEvaluator slices = new SliceEvaluator(Evaluator.standard());
        Map<String, Integer> genres = countColumn(korstsDev(), 0);
        assertThat(genres).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sliceSizes(slices.evaluate("jaccard", d.pairs(), d.goldScale(),
                SliceKeys.byColumn(d.pairs(), "genre", "dev"), score, null))).isEqualTo(genres);
        assertThat(sliceSizes(slices.evaluate("jaccard", d.pairs(), d.goldScale(),
                SliceKeys.byColumn(d.pairs(), "filename", "dev"), score, null))).isEqualTo(countColumn(korstsDev(), 1));
    }

    @Test
    void klueDevKeepsEverySourceWithTheFilesCounts() throws Exception {
        StsDataset d = StsReader.read(klueDev(), ReadOptions.defaults());
        Map<String, Integer> sources = new TreeMap<>();
        for (JsonElement e : Fixtures.readJson(klueDev()).getAsJsonArray()) {
            sources.merge(e.getAsJsonObject().get("source").getAsString(), 1, Integer::sum);
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
        assertThat(d.pairs()).allSatisfy(p -> assertThat(p.attributes()).containsKeys("guid", "source"));
        double[] score = new JaccardScorer().score(d.pairs(), ProgressListener.NONE, CancelToken.NONE);
        List<SliceResult> slices = new SliceEvaluator(Evaluator.standard()).evaluate("jaccard", d.pairs(),
                d.goldScale(), SliceKeys.byColumn(d.pairs(), "source", "dev"), score, null);
        assertThat(sliceSizes(slices)).isEqualTo(sources);
    }

    @Test
    void aSlicesMetricsEqualTheSliceEvaluatedAlone() throws Exception {
        StsDataset d = StsReader.read(korstsDev(), ReadOptions.defaults());
        double[] score = new JaccardScorer().score(d.pairs(), ProgressListener.NONE, CancelToken.NONE);
        List<SliceResult> slices = new SliceEvaluator(Evaluator.standard()).evaluate("jaccard", d.pairs(),
                d.goldScale(), SliceKeys.byGold(d.pairs()), score, null);
        assertThat(slices).extracting(SliceResult::slice)
                .containsExactly("gold 0–1", "gold 1–2", "gold 2–3", "gold 3–4", "gold 4–5");
        // The slice "gold 2–3" written to its own file and read and scored from scratch.
        List<String> lines = Files.readAllLines(korstsDev(), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            double gold = Double.parseDouble(line.split("\t", -1)[4]);
            if (gold >= 2 && gold < 3) {
                sb.append(line).append('\n');
            }
        }
        Path alone = Files.writeString(tmp.resolve("gold-2-3.tsv"), sb.toString());
        StsDataset part = StsReader.read(alone, ReadOptions.defaults());
        EvaluationResult expected = Evaluator.standard().evaluate("jaccard", part.pairs(), part.goldScale(), 0,
                new JaccardScorer().score(part.pairs(), ProgressListener.NONE, CancelToken.NONE), null);
        EvaluationResult got = slices.get(2).result();
        assertThat(slices.get(2).pairs()).isEqualTo(part.pairs().size());
        assertThat(got.metrics().keySet()).isEqualTo(expected.metrics().keySet());
        expected.metrics().forEach((k, v) -> assertThat(got.metric(k)).as(k).isCloseTo(v, within(1e-12)));
        assertThat(got.intervals().spearman().lower()).isCloseTo(expected.intervals().spearman().lower(), within(1e-12));
    }

    @Test
    void genericFilesExtraColumnsBecomeSliceKeys() throws Exception {
        Path csv = Files.writeString(tmp.resolve("p.csv"),
                "domain,sentence1,sentence2,score\nnews,가,나,1\nforum,다,라,2\nnews,마,바,3\n");
        StsDataset d = StsReader.read(csv, ReadOptions.defaults());
        assertThat(SliceKeys.byColumn(d.pairs(), "Domain", csv.toString())).containsExactly("news", "forum", "news");
        assertThatThrownBy(() -> SliceKeys.byColumn(d.pairs(), "genre", "p.csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("p.csv: no column 'genre' to slice by (columns: domain); built in: gold, length, unk");
    }

    @Test
    void lengthBandsAndUnknownSlicesReadInOrder() {
        assertThat(SliceKeys.byLength(new int[] {3, 16, 17, 64, 65, 200}))
                .containsExactly("tokens 1–16", "tokens 1–16", "tokens 17–32", "tokens 33–64", "tokens 65–128", "tokens 129+");
        String[] keys = {"tokens 129+", "tokens 17–32", SliceKeys.NONE, "tokens 1–16"};
        assertThat(SliceEvaluator.group(keys).keySet())
                .containsExactly("tokens 1–16", "tokens 17–32", "tokens 129+", SliceKeys.NONE);
        assertThat(SliceKeys.byUnknown(new boolean[] {true, false})).containsExactly("with [UNK]", "without [UNK]");
        List<SentencePair> pairs = IntStream.of(0, 1).mapToObj(i -> new SentencePair("a", "b", i == 0 ? 5.0 : null, i)).toList();
        assertThat(SliceKeys.byGold(pairs)).containsExactly("gold 4–5", SliceKeys.NONE);
    }
}
