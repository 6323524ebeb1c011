package kr.sbert.workbench.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in WordPiece vocabulary for random-weight benchmark models when no real
 * {@code vocab.txt} is given: the five BERT special tokens, printable ASCII, every Hangul
 * syllable as a word start and as a {@code ##} continuation, then {@code [unusedN]} fillers.
 * Korean then splits into one piece per syllable, more pieces than a real vocabulary makes.
 */
public final class SyntheticVocabulary {
    private static final char FIRST_SYLLABLE = '\uAC00';
    private static final char LAST_SYLLABLE = '\uD7A3';

    private SyntheticVocabulary() {
    }

    /** Exactly {@code size} entries (at least the five special tokens). */
    public static List<String> create(int size) {
        if (size < 5) {
            throw new IllegalArgumentException("a vocabulary needs at least 5 entries, got " + size);
        }
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (char c = '!'; c <= '~' && v.size() < size; c++) {
            v.add(String.valueOf(c));
        }
        for (char c = FIRST_SYLLABLE; c <= LAST_SYLLABLE && v.size() < size; c++) {
            v.add(String.valueOf(c));
        }
        for (char c = FIRST_SYLLABLE; c <= LAST_SYLLABLE && v.size() < size; c++) {
            v.add("##" + c);
        }
        for (char c = '!'; c <= '~' && v.size() < size; c++) {
            v.add("##" + c);
        }
        for (int i = 0; v.size() < size; i++) {
            v.add("[unused" + i + "]");
        }
        return v;
    }
}
