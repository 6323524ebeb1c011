package kr.sbert.workbench.core.data;

/**
 * One row of an STS data set.
 *
 * @param sentence1 first sentence
 * @param sentence2 second sentence
 * @param gold      gold similarity on the data set's scale (0–5 for KorSTS and KLUE-STS),
 *                  or {@code null} when the row has none (scoring only)
 * @param line      1-based line (or record) number in the source file, 0 when typed by hand
 */
public record SentencePair(String sentence1, String sentence2, Double gold, int line) {

    public boolean hasGold() {
        return gold != null;
    }
}
