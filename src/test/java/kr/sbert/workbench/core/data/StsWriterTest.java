package kr.sbert.workbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsWriterTest {
    @TempDir
    Path tmp;

    private static final List<SentencePair> PAIRS = List.of(
            new SentencePair("쉼표, 그리고 \"따옴표\"", "둘째", 3.2, 2),
            new SentencePair("gold 없는 쌍", "둘째", null, 3),
            new SentencePair("가", "나", 0.1, 4));

    @Test
    void everyLayoutReadsBackToTheSameSentencesAndGold() throws Exception {
        for (StsWriter.Layout layout : List.of(StsWriter.Layout.SIMPLE_TSV, StsWriter.Layout.CSV)) {
            Path f = tmp.resolve("out-" + layout + (layout == StsWriter.Layout.CSV ? ".csv" : ".tsv"));
            StsWriter.write(f, PAIRS, layout);
            StsDataset d = StsReader.read(f, ReadOptions.defaults());
            assertThat(d.format()).isEqualTo(layout == StsWriter.Layout.CSV ? StsFormat.CSV : StsFormat.TSV);
            assertThat(d.pairs()).extracting(SentencePair::sentence1, SentencePair::sentence2, SentencePair::gold)
                    .containsExactlyElementsOf(PAIRS.stream().map(p -> org.assertj.core.groups.Tuple.tuple(
                            p.sentence1(), p.sentence2(), p.gold())).toList());
        }
    }

    @Test
    void korstsLayoutRoundTripsPairsWithGold() throws Exception {
        Path f = tmp.resolve("k.tsv");
        List<SentencePair> withGold = List.of(PAIRS.get(0), PAIRS.get(2));
        StsWriter.write(f, withGold, StsWriter.Layout.KORSTS_TSV);
        assertThat(StsReader.read(f, ReadOptions.defaults()).pairs()).extracting(SentencePair::sentence1, SentencePair::gold)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("쉼표, 그리고 \"따옴표\"", 3.2),
                        org.assertj.core.groups.Tuple.tuple("가", 0.1));
    }

    @Test
    void korstsLayoutRefusesAPairWithoutGold() {
        Path f = tmp.resolve("k.tsv");
        assertThatThrownBy(() -> StsWriter.write(f, PAIRS, StsWriter.Layout.KORSTS_TSV))
                .hasMessage(f + ": the pair from line 3 has no gold score, which every KorSTS row needs;"
                        + " save as CSV or simple TSV");
    }

    @Test
    void tsvRefusesASentenceWithATab() {
        Path f = tmp.resolve("t.tsv");
        assertThatThrownBy(() -> StsWriter.write(f, List.of(new SentencePair("a\tb", "c", 1.0, 7)), StsWriter.Layout.SIMPLE_TSV))
                .hasMessageContaining("line 7").hasMessageContaining("save as CSV");
    }
}
