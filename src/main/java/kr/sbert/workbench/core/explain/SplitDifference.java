package kr.sbert.workbench.core.explain;

import java.util.List;

/**
 * A word two vocabularies split differently.
 *
 * @param word    the word as written (a pre-tokenizer word: split on whitespace and punctuation)
 * @param piecesA its WordPiece pieces in the first model's vocabulary
 * @param piecesB its pieces in the second model's
 * @param count   how often the word occurs in the data
 */
public record SplitDifference(String word, List<String> piecesA, List<String> piecesB, int count) {

    public SplitDifference {
        piecesA = List.copyOf(piecesA);
        piecesB = List.copyOf(piecesB);
    }

    /** How many more pieces one vocabulary needs than the other. */
    public int pieceGap() {
        return Math.abs(piecesA.size() - piecesB.size());
    }
}
