package kr.sbert.workbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project's own sample set in sample-data/. */
class SampleDataTest {
    static final Path TSV = Path.of("sample-data/korean-sts-sample.tsv");
    static final Path CSV = Path.of("sample-data/korean-sts-sample.csv");

    @Test
    void tsvAndCsvHoldTheSamePairsInTheSameOrder() throws Exception {
        StsDataset tsv = StsReader.read(TSV, ReadOptions.defaults());
        StsDataset csv = StsReader.read(CSV, ReadOptions.defaults());
        assertThat(tsv.format()).isEqualTo(StsFormat.KORSTS_TSV);
        assertThat(csv.format()).isEqualTo(StsFormat.CSV);
        assertThat(tsv.pairs()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(csv.pairs()).extracting(SentencePair::sentence1, SentencePair::sentence2, SentencePair::gold)
                .containsExactlyElementsOf(tsv.pairs().stream().map(p -> org.assertj.core.groups.Tuple.tuple(
                        p.sentence1(), p.sentence2(), p.gold())).toList());
    }

    @Test
    void goldHasOneDecimalAndSpansTheWholeScale() throws Exception {
        List<String> lines = Files.readAllLines(TSV);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.split("\t")[4]).matches("[0-5]\\.[0-9]");
        }
        Set<Integer> bands = StsReader.read(TSV, ReadOptions.defaults()).pairs().stream()
                .map(p -> (int) Math.floor(p.gold())).collect(Collectors.toSet());
        assertThat(bands).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void everyPhenomenonTheReadmeListsIsCovered() throws Exception {
        Set<String> kinds = Files.readAllLines(TSV).stream().skip(1).map(l -> l.split("\t")[1])
                .collect(Collectors.toSet());
        assertThat(kinds).contains("paraphrase", "word-order", "negation", "number", "name", "topic-shift",
                "unrelated", "informal");
        String readme = Files.readString(Path.of("sample-data/README.md"));
        kinds.forEach(k -> assertThat(readme).contains("| " + k + " |"));
    }
}
