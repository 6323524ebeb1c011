package kr.sbert.workbench.gui.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PastedRowsTest {

    @Test
    void tabSeparatedLinesBecomeRowsWithOptionalGold() {
        List<PairRow> rows = PastedRows.parse("한 남자가 춤을 춘다.\t남자가 춤춘다.\t4.5\r\n고양이\t개\n\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).sentence1()).isEqualTo("한 남자가 춤을 춘다.");
        assertThat(rows.get(0).gold()).isEqualTo(4.5);
        assertThat(rows.get(1).sentence2()).isEqualTo("개");
        assertThat(rows.get(1).gold()).isNull();
    }

    @Test
    void headerLineIsSkipped() {
        List<PairRow> rows = PastedRows.parse("sentence1\tsentence2\tscore\n가\t나\t1.0\n");
        assertThat(rows).extracting(PairRow::sentence1).containsExactly("가");
    }

    @Test
    void lineWithoutTabIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> PastedRows.parse("가\t나\n다만 한 문장\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pasted line 2");
    }

    @Test
    void unparsableGoldAfterTheFirstLineIsRefused() {
        assertThatThrownBy(() -> PastedRows.parse("가\t나\t1.0\n다\t라\t높음\n"))
                .hasMessageContaining("pasted line 2").hasMessageContaining("높음");
    }
}
