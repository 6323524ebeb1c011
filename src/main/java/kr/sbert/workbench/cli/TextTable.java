package kr.sbert.workbench.cli;

import java.util.List;

/** Plain-text tables on stdout: each column as wide as its widest cell. */
final class TextTable {
    private TextTable() {
    }

    /** The width of every column of {@code rows} (all rows as long as the first). */
    static int[] widths(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        return width;
    }
}
