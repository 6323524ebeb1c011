package kr.sbert.workbench.gui.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.gui.GuiFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PastedRowsTest {

    @Test
    void tabSeparatedLinesBecomeRowsWithOptionalGold() throws Exception {
        List<PairRow> rows = PastedRows.parse("한 남자가 춤을 춘다.\t남자가 춤춘다.\t4.5\r\n고양이\t개\n\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).sentence1()).isEqualTo("한 남자가 춤을 춘다.");
        assertThat(rows.get(0).gold()).isEqualTo(4.5);
        assertThat(rows.get(1).sentence2()).isEqualTo("개");
        assertThat(rows.get(1).gold()).isNull();
    }

    @Test
    void headerLineIsSkipped() throws Exception {
        List<PairRow> rows = PastedRows.parse("sentence1\tsentence2\tscore\n가\t나\t1.0\n");
        assertThat(rows).extracting(PairRow::sentence1).containsExactly("가");
    }

    /** Lines 2–3 of sts-test.tsv as copied from an editor: seven columns, no header (the failing paste). */
    @Test
    void rawKorStsLinesGiveTheSamePairsAsTheReader() throws Exception {
        Path test = GuiFixtures.shared().resolve("data/korsts/sts-test.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(test), "../shared/data/korsts/sts-test.tsv is absent");
        List<String> lines = Files.readAllLines(test, StandardCharsets.UTF_8);
        List<SentencePair> expected = StsReader.read(test, ReadOptions.defaults()).pairs().subList(0, 2);

        List<PairRow> headerless = PastedRows.parse(lines.get(1) + "\n" + lines.get(2) + "\n");
        List<PairRow> withHeader = PastedRows.parse(String.join("\n", lines.subList(0, 3)));
        for (List<PairRow> rows : List.of(headerless, withHeader)) {
            assertThat(rows).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(rows.get(i).sentence1()).isEqualTo(expected.get(i).sentence1());
                assertThat(rows.get(i).sentence2()).isEqualTo(expected.get(i).sentence2());
                assertThat(rows.get(i).gold()).isEqualTo(expected.get(i).gold());
            }
        }
        assertThat(headerless.get(0).gold()).isEqualTo(2.5);
    }

    @Test
    void lineWithoutTabIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> PastedRows.parse("가\t나\n다만 한 문장\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("pasted line 2: expected sentence1<TAB>sentence2[<TAB>gold] or the 7 KorSTS columns"
                        + " (genre, filename, year, id, score, sentence1, sentence2), found 1 column");
    }

    @Test
    void unparsableGoldIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> PastedRows.parse("가\t나\t1.0\n다\t라\t높음\n"))
                .hasMessage("pasted line 2: score '높음' is not a number");
        assertThatThrownBy(() -> PastedRows.parse("가\t나\t7\n"))
                .hasMessage("pasted line 1: score 7 is outside [0, 5]");
    }
}
