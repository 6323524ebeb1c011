package kr.sbert.workbench.gui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hangul font check on the fonts installed here (DejaVu has no Hangul; Noto Sans CJK KR has). */
class HangulFontsTest {
    private static final List<String> INSTALLED =
            Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());

    @Test
    void fontsWithoutHangulAreNotEnough() {
        assumeTrue(INSTALLED.contains("DejaVu Sans"), "DejaVu Sans is not installed");
        assertThat(HangulFonts.findAmong("DejaVu Sans", "Dialog")).isEmpty();
        assertThat(HangulFonts.warning()).contains("fonts-noto-cjk");
    }

    @Test
    void aKoreanFontIsFound() {
        assumeTrue(INSTALLED.contains("Noto Sans CJK KR"), "fonts-noto-cjk is not installed");
        assertThat(HangulFonts.findAmong("DejaVu Sans", "Noto Sans CJK KR")).contains("Noto Sans CJK KR");
        assertThat(HangulFonts.find()).isPresent();
    }
}
