package kr.sbert.workbench.core.data;

/**
 * A row left out of a data set because it was malformed (only with {@code skipBadRows}).
 *
 * @param line   1-based line number in the source file
 * @param reason why it was left out
 */
public record SkippedRow(int line, String reason) {
}
