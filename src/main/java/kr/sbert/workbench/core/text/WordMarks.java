package kr.sbert.workbench.core.text;

/**
 * How a vocabulary's pieces say where words begin: WordPiece marks the pieces that continue a
 * word ({@code ##모를}), SentencePiece marks the pieces that start one ({@code ▁선로}). Views join
 * pieces into words with it; long texts are cut only where the pre-tokenizer always splits.
 *
 * @param mark         the marking string ({@code ##} or {@code ▁})
 * @param marksStarts  true when {@link #mark} starts a word (SentencePiece), false when it continues one
 */
public record WordMarks(String mark, boolean marksStarts) {

    /** WordPiece: {@code prefix} marks a continuation. */
    public static WordMarks continuedBy(String prefix) {
        return new WordMarks(prefix, false);
    }

    /** SentencePiece (Metaspace): {@code replacement} marks a word's first piece. */
    public static WordMarks startedBy(String replacement) {
        return new WordMarks(replacement, true);
    }

    /** Whether a (non-special) piece continues the word of the piece before it. */
    public boolean continues(String piece) {
        return marksStarts ? !piece.startsWith(mark) : piece.startsWith(mark);
    }

    /** The piece as a part of its word: without the mark ({@code ##모를} → {@code 모를}, {@code ▁선로} → {@code 선로}). */
    public String bare(String piece) {
        return piece.startsWith(mark) ? piece.substring(mark.length()) : piece;
    }

    /**
     * Whether the pre-tokenizer always splits after punctuation too (BERT's does); SentencePiece's
     * Metaspace splits at spaces only, and a word's pieces depend on the whole word.
     */
    boolean splitsAtPunctuation() {
        return !marksStarts;
    }
}
