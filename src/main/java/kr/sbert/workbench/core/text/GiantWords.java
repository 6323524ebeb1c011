package kr.sbert.workbench.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks the words of a text that WordPiece can only call {@code [UNK]}, so that a 20 MB line
 * without a single space costs what a short one costs, with the same tokens and ids.
 *
 * <p>WordPiece makes one {@code [UNK]} of any word longer than {@code max_input_chars_per_word}
 * characters (after normalization), whatever those characters are. A run of characters that BERT
 * never splits inside and that keeps more than that many characters through the normalizer is
 * such a word (or part of one); replacing it by {@code max + 1} letters {@code x} leaves every
 * token and id as it was, and the offsets are mapped back ({@link #restore}). Split characters are
 * taken generously — any space, punctuation, symbol, control, format or CJK character ends a run —
 * so a run never spans a place where BERT splits; marks, which the normalizer drops when it
 * strips accents, do not count towards its length. Only for the plain BERT pipeline whose added tokens each hold a split character (so
 * none can hide inside a run), and never with {@code --nfc} (composition can shorten a run).
 */
final class GiantWords {
    private static final char STAND_IN = 'x';

    /**
     * A run replaced in the short text: {@code [start, end)} in the original, at {@code shortStart};
     * its {@code [UNK]} spans {@code [from, to)}, without the marks at its edges a normalizer that
     * strips accents drops (HF's offsets leave them out).
     */
    private record Run(int start, int end, int from, int to, int shortStart, int shortEnd) {
    }

    private final String shortText;
    private final List<Run> runs;

    private GiantWords(String shortText, List<Run> runs) {
        this.shortText = shortText;
        this.runs = runs;
    }

    String shortText() {
        return shortText;
    }

    /**
     * @param maxChars     {@code max_input_chars_per_word}
     * @param stripAccents whether the normalizer drops combining marks (for the offsets)
     * @return the text with its giant runs shrunk, or null when it has none
     */
    static GiantWords shrink(String text, int maxChars, boolean stripAccents) {
        List<Run> runs = new ArrayList<>();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isSplit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            long kept = 0;
            int firstKept = -1;
            int lastKeptEnd = -1;
            while (i < n) {
                cp = text.codePointAt(i);
                if (isSplit(cp)) {
                    break;
                }
                if (!mayBeDropped(cp)) {
                    kept++;
                    firstKept = firstKept < 0 ? i : firstKept;
                    lastKeptEnd = i + Character.charCount(cp);
                }
                i += Character.charCount(cp);
            }
            // a run must be far longer than its stand-in to be worth replacing
            if (kept > maxChars && i - start > 4L * (maxChars + 1)) {
                if (out == null) {
                    out = new StringBuilder(Math.min(n, 1 << 16));
                }
                out.append(text, copied, start);
                int shortStart = out.length();
                out.append(String.valueOf(STAND_IN).repeat(maxChars + 1));
                runs.add(new Run(start, i, stripAccents ? firstKept : start, stripAccents ? lastKeptEnd : i,
                        shortStart, out.length()));
                copied = i;
            }
        }
        if (out == null) {
            return null;
        }
        out.append(text, copied, n);
        return new GiantWords(out.toString(), List.copyOf(runs));
    }

    /** The encoding of {@link #shortText} as the original text's: same tokens and ids, offsets mapped back. */
    Encoding restore(String original, Encoding shortEncoding) {
        List<Token> tokens = new ArrayList<>(shortEncoding.tokens().size());
        for (Token t : shortEncoding.tokens()) {
            if (t.start() < 0) {
                tokens.add(t);
                continue;
            }
            tokens.add(new Token(t.piece(), t.id(), toOriginal(t.start(), false), toOriginal(t.end(), true),
                    t.special(), t.continuation(), t.unknown(), t.truncated()));
        }
        return new Encoding(original, List.copyOf(tokens), shortEncoding.inputIds(), shortEncoding.truncated());
    }

    /** A char offset of the short text in the original; inside a stand-in, the run's start (or end). */
    private int toOriginal(int offset, boolean isEnd) {
        int delta = 0;
        for (Run r : runs) {
            if (offset < r.shortStart() || (isEnd && offset == r.shortStart())) {
                break;
            }
            if (offset < r.shortEnd() || (isEnd && offset == r.shortEnd())) {
                return isEnd ? r.to() : r.from();
            }
            delta = r.end() - r.shortEnd();
        }
        return offset + delta;
    }

    /** Whether every added token holds a split character (then none can lie inside a run). */
    static boolean safeWith(List<String> addedTokens) {
        for (String t : addedTokens) {
            if (t.codePoints().noneMatch(GiantWords::isSplit)) {
                return false;
            }
        }
        return true;
    }

    /** Generously: anything BERT splits at, and more (spaces, punctuation, symbols, controls, CJK, non-letters of ASCII). */
    static boolean isSplit(int cp) {
        if (cp < 128) {
            return !Character.isLetterOrDigit(cp);
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return switch (type) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.CONTROL, Character.FORMAT,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
        };
    }

    /** A character the normalizer may remove (a mark, when accents are stripped): it does not count. */
    private static boolean mayBeDropped(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
