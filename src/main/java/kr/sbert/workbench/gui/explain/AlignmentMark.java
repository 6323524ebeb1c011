package kr.sbert.workbench.gui.explain;

/**
 * A clicked heatmap cell: token {@code row} of sentence 1 against token {@code column} of
 * sentence 2 (indices into the fed tokens), in one model's explanation.
 */
public record AlignmentMark(String model, int row, int column) {
}
