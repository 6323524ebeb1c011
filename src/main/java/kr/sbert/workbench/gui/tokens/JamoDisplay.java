package kr.sbert.workbench.gui.tokens;

import java.util.ArrayList;
import java.util.List;

/**
 * Shows decomposed Hangul so that it looks decomposed. A font draws a run of conjoining jamo
 * (U+1100–U+11FF) as the syllable they spell, so "what the model sees" printed as it is looks
 * exactly like the input. Here each conjoining jamo becomes its stand-alone letter (the
 * compatibility jamo U+3131–U+318E, which never combine), letters spaced apart, and the first
 * code points are spelt out as {@code U+XXXX}.
 */
public final class JamoDisplay {
    private static final String CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    private static final String JONGSEONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
    private static final int CODE_POINTS_SHOWN = 8;

    private JamoDisplay() {
    }

    /** Whether the text holds conjoining jamo (what needs this display). */
    public static boolean hasConjoiningJamo(String text) {
        return text.codePoints().anyMatch(JamoDisplay::conjoining);
    }

    /**
     * The text with each conjoining jamo as a spaced stand-alone letter, e.g. {@code 안} as
     * U+110B U+1161 U+11AB → {@code ㅇ ㅏ ㄴ}; words stay apart by a wider gap.
     */
    public static String spaced(String text) {
        StringBuilder sb = new StringBuilder();
        boolean previousJamo = false;
        for (int cp : text.codePoints().toArray()) {
            if (conjoining(cp)) {
                if (previousJamo) {
                    sb.append(' ');
                }
                sb.append(letter(cp));
                previousJamo = true;
            } else {
                sb.append(cp == ' ' && previousJamo ? "   " : Character.toString(cp));
                previousJamo = false;
            }
        }
        return sb.toString();
    }

    /** The first code points as {@code U+110B U+1161 …} (with an ellipsis when there are more). */
    public static String codePoints(String text) {
        int[] cps = text.codePoints().toArray();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(cps.length, CODE_POINTS_SHOWN); i++) {
            out.add(String.format("U+%04X", cps[i]));
        }
        return String.join(" ", out) + (cps.length > CODE_POINTS_SHOWN ? " …" : "");
    }

    /** Both forms, for a warning: {@code "ㅇ ㅏ ㄴ …" (U+110B U+1161 U+11AB …)}. */
    public static String describe(String text) {
        return "\"" + spaced(text) + "\" (" + codePoints(text) + ")";
    }

    private static boolean conjoining(int cp) {
        return cp >= 0x1100 && cp <= 0x11FF || cp >= 0xA960 && cp <= 0xA97F || cp >= 0xD7B0 && cp <= 0xD7FF;
    }

    private static String letter(int cp) {
        if (cp >= 0x1100 && cp <= 0x1112) {
            return String.valueOf(CHOSEONG.charAt(cp - 0x1100));
        }
        if (cp >= 0x1161 && cp <= 0x1175) {
            return Character.toString(0x314F + cp - 0x1161);
        }
        if (cp >= 0x11A8 && cp <= 0x11C2) {
            return String.valueOf(JONGSEONG.charAt(cp - 0x11A8));
        }
        // Old or rare jamo have no stand-alone letter: spell the code point.
        return String.format("<U+%04X>", cp);
    }
}
