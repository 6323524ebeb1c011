package kr.sbert.workbench.gui.main;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Optional;
import java.util.Set;

/**
 * Finds an installed font that has Hangul glyphs (asked through AWT's font list, which reads
 * the same fontconfig setup JavaFX uses). Without one, Korean text shows as boxes.
 */
public final class HangulFonts {
    /** The Debian/Ubuntu package that provides Korean fonts. */
    public static final String PACKAGE = "fonts-noto-cjk";
    private static final String SAMPLE = "한국어 문장";
    private static final Set<String> LOGICAL = Set.of("Dialog", "DialogInput", "Monospaced", "Serif", "SansSerif");

    private HangulFonts() {
    }

    /** The family name of a physical font that can display Hangul syllables, if any. */
    public static Optional<String> find() {
        return findAmong(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    }

    /** The first of these installed families that displays Hangul, preferring Korean fonts. */
    static Optional<String> findAmong(String... families) {
        String fallback = null;
        for (String family : families) {
            if (LOGICAL.contains(family)) {
                continue;
            }
            Font f = new Font(family, Font.PLAIN, 12);
            if (f.canDisplayUpTo(SAMPLE) == -1) {
                if (family.contains("KR") || family.contains("Korean") || family.contains("Nanum")) {
                    return Optional.of(family);
                }
                if (fallback == null) {
                    fallback = family;
                }
            }
        }
        return Optional.ofNullable(fallback);
    }

    /** The warning shown when no font renders Hangul. */
    public static String warning() {
        return "No installed font can show Korean (Hangul) text, so sentences appear as boxes. "
                + "Install one, e.g. `sudo apt-get install " + PACKAGE + "`, and restart the workbench.";
    }
}
