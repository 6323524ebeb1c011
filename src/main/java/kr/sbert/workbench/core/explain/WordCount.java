package kr.sbert.workbench.core.explain;

/**
 * A word and how often it occurs.
 *
 * @param word  the word as written in the text
 * @param count occurrences
 */
public record WordCount(String word, int count) {
}
