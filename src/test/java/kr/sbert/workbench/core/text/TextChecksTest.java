package kr.sbert.workbench.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextChecksTest {

    private static final TokenizerSettings PLAIN = TokenizerSettings.of(128, false);

    @Test
    void decomposedHangulIsNotNfcAndIsDetected() {
        String decomposed = "\u1112\u1161\u11ab"; // 한
        assertThat(TextChecks.isNfc(decomposed)).isFalse();
        assertThat(TextChecks.hasDecomposedHangul(decomposed)).isTrue();
        assertThat(TextChecks.isNfc("한")).isTrue();
        assertThat(TextChecks.hasDecomposedHangul("한국어 ㅋㅋㅋ")).isFalse(); // compatibility jamo U+314B is fine
    }

    @Test
    void compatibilityIdeographIsNotNfc() {
        assertThat(TextChecks.isNfc("\uF902")).isFalse();
        assertThat(TextChecks.hasDecomposedHangul("\uF902")).isFalse();
    }

    @Test
    void lowerCasingNormalizerShowsJamo() {
        BertNormalization lower = new BertNormalization(true, true, true, true);
        // 잠이 = ᄌ ᅡ ᆷ ᄋ ᅵ after NFD.
        assertThat(TextChecks.whatTheModelSees("  잠이 ", PLAIN, lower))
                .isEqualTo("\u110c\u1161\u11b7\u110b\u1175");
        assertThat(TextChecks.whatTheModelSees("Café", PLAIN, lower)).isEqualTo("cafe");
    }

    @Test
    void casePreservingNormalizerCleansAndSpacesIdeographs() {
        assertThat(TextChecks.whatTheModelSees("안녕\u200b하세요\t大韓", PLAIN, BertNormalization.casePreserving()))
                .isEqualTo("안녕하세요  大  韓 ");
    }
}
