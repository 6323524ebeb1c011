package kr.sbert.workbench.gui.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class JamoDisplayTest {

    /** 안 is U+C548; NFD gives ᄋ U+110B, ᅡ U+1161, ᆫ U+11AB (Unicode's syllable decomposition, by hand). */
    @Test
    void decomposedSyllablesShowAsSpacedStandAloneLettersAndCodePoints() {
        String nfd = Normalizer.normalize("안전모", Normalizer.Form.NFD);
        assertThat(nfd.codePoints().toArray()).startsWith(0x110B, 0x1161, 0x11AB);

        assertThat(JamoDisplay.spaced(nfd)).isEqualTo("ㅇ ㅏ ㄴ ㅈ ㅓ ㄴ ㅁ ㅗ");
        assertThat(JamoDisplay.codePoints(nfd)).isEqualTo("U+110B U+1161 U+11AB U+110C U+1165 U+11AB U+1106 U+1169");
        // The display differs from the input in every character: no font can draw it as 안전모.
        assertThat(JamoDisplay.spaced(nfd)).doesNotContain("안", "전", "모");
    }

    @Test
    void wordsStayApartAndOtherTextIsKept() {
        String nfd = Normalizer.normalize("쓴 남자가 [UNK] 1", Normalizer.Form.NFD);
        assertThat(JamoDisplay.spaced(nfd)).isEqualTo("ㅆ ㅡ ㄴ   ㄴ ㅏ ㅁ ㅈ ㅏ ㄱ ㅏ   [UNK] 1");
        assertThat(JamoDisplay.hasConjoiningJamo(nfd)).isTrue();
        assertThat(JamoDisplay.hasConjoiningJamo("안전모")).isFalse();
    }
}
