package kr.sbert.workbench.core.text;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The text handed to the tokenizer library after sentence-transformers' own preprocessing
 * (prompt prefixed, strip, optional lower-case, optional NFC), with the way back: for every code
 * point of {@link #input()} the char range of the original text it came from (negative for the
 * prompt's code points).
 *
 * @param promptChars the prompt's length in chars: offsets are shifted back by it
 */
record PreparedText(String input, int[] charStart, int[] charEnd, int promptChars) {

    PreparedText(String input, int[] charStart, int[] charEnd) {
        this(input, charStart, charEnd, 0);
    }

    static PreparedText of(String text, TokenizerSettings settings) {
        if (settings.prompt().isEmpty()) {
            return unprompted(text, settings);
        }
        // sentence-transformers prefixes the prompt first, then the Transformer strips the whole
        PreparedText p = unprompted(settings.prompt() + text, settings);
        return new PreparedText(p.input, p.charStart, p.charEnd, settings.prompt().length());
    }

    private static PreparedText unprompted(String text, TokenizerSettings settings) {
        int from = 0;
        int to = text.length();
        while (from < to && isPythonSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isPythonSpace(text.charAt(to - 1))) {
            to--;
        }
        String stripped = text.substring(from, to);
        String whole = transform(stripped, settings);
        int n = stripped.codePointCount(0, stripped.length());
        if (whole.codePointCount(0, whole.length()) == n) {
            // Same number of code points: the usual case (Korean lower-cases to itself, NFC input).
            return new PreparedText(whole, codePointStarts(stripped, from), codePointEnds(stripped, from));
        }
        return byCluster(stripped, from, whole, settings);
    }

    /** Python's {@code str.isspace()} for a BMP char (all Python whitespace is in the BMP). */
    static boolean isPythonSpace(char c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0
                || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    static String transform(String s, TokenizerSettings settings) {
        String out = s;
        if (settings.nfc()) {
            out = Normalizer.normalize(out, Normalizer.Form.NFC);
        }
        if (settings.lowerCaseInput()) {
            out = out.toLowerCase(Locale.ROOT);
        }
        return out;
    }

    /**
     * NFC or lower-casing changed the number of code points: transform grapheme cluster by
     * cluster (compositions never cross a cluster) so each output code point knows its cluster.
     */
    private static PreparedText byCluster(String stripped, int base, String whole, TokenizerSettings settings) {
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(stripped);
        StringBuilder joined = new StringBuilder();
        int cap = whole.codePointCount(0, whole.length()) + stripped.length();
        int[] starts = new int[cap];
        int[] ends = new int[cap];
        int count = 0;
        for (int s = clusters.first(), e = clusters.next(); e != BreakIterator.DONE; s = e, e = clusters.next()) {
            String piece = transform(stripped.substring(s, e), settings);
            int k = piece.codePointCount(0, piece.length());
            if (count + k > cap) {
                cap = Math.max(cap * 2, count + k);
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            for (int i = 0; i < k; i++) {
                starts[count] = base + s;
                ends[count] = base + e;
                count++;
            }
            joined.append(piece);
        }
        if (joined.toString().equals(whole)) {
            return new PreparedText(whole, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
        }
        // Context-dependent casing (final sigma) differs cluster by cluster: keep the exact text
        // for the tokenizer and give every code point the whole stripped range.
        int m = whole.codePointCount(0, whole.length());
        int[] allStart = new int[m];
        int[] allEnd = new int[m];
        Arrays.fill(allStart, base);
        Arrays.fill(allEnd, base + stripped.length());
        return new PreparedText(whole, allStart, allEnd);
    }

    private static int[] codePointStarts(String s, int base) {
        return boundaries(s, base, true);
    }

    private static int[] codePointEnds(String s, int base) {
        return boundaries(s, base, false);
    }

    private static int[] boundaries(String s, int base, boolean start) {
        int[] out = new int[s.codePointCount(0, s.length())];
        int i = 0;
        int pos = 0;
        while (pos < s.length()) {
            int next = pos + Character.charCount(s.codePointAt(pos));
            out[i++] = base + (start ? pos : next);
            pos = next;
        }
        return out;
    }

    /** Char range of the original text covered by code points [fromCp, toCp) of the input (negative in the prompt). */
    int startChar(int fromCp) {
        return charStart[fromCp] - promptChars;
    }

    int endChar(int toCpExclusive) {
        return charEnd[toCpExclusive - 1] - promptChars;
    }
}
