package kr.sbert.workbench.core.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Checks on input text the GUI and CLI use to warn about tokenizer traps: text that is not
 * NFC (decomposed Hangul, compatibility ideographs) tokenizes differently in the fast tokenizer
 * than after transformers' slow tokenizer's NFC step, and a lower-casing normalizer breaks
 * Hangul into jamo.
 */
public final class TextChecks {

    private TextChecks() {
    }

    /** Whether the text is unchanged by NFC. */
    public static boolean isNfc(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC);
    }

    /**
     * Whether the text holds conjoining Hangul jamo (U+1100–U+11FF, U+A960–U+A97F,
     * U+D7B0–U+D7FF): decomposed syllables as macOS file names or NFD processing leave them.
     */
    public static boolean hasDecomposedHangul(String text) {
        return text.codePoints().anyMatch(TextChecks::isConjoiningJamo);
    }

    static boolean isConjoiningJamo(int cp) {
        return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F)
                || (cp >= 0xD7B0 && cp <= 0xD7FF);
    }

    /**
     * The text the WordPiece model receives: sentence-transformers' strip and lower-case (and
     * NFC when set), then the {@code BertNormalizer} steps in the library's order (clean text,
     * spaces around CJK ideographs, NFD + drop combining marks, lower-case). With accent
     * stripping on, Hangul shows as conjoining jamo here, which is what the model sees.
     */
    public static String whatTheModelSees(String text, TokenizerSettings settings,
                                          BertNormalization normalization) {
        String s = PreparedText.of(text, settings).input();
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (normalization.cleanText()) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                    return;
                }
                if (isBertWhitespace(cp)) {
                    out.append(' ');
                    return;
                }
            }
            if (normalization.handleChineseChars() && isCjkIdeograph(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        String result = out.toString();
        if (normalization.stripAccents()) {
            StringBuilder stripped = new StringBuilder(result.length());
            Normalizer.normalize(result, Normalizer.Form.NFD).codePoints()
                    .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            result = stripped.toString();
        }
        if (normalization.lowercase()) {
            result = result.toLowerCase(Locale.ROOT);
        }
        return result;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    private static boolean isBertWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.isWhitespace(cp)
                || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /** The CJK blocks BERT spaces out, compatibility ideographs included. */
    static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
