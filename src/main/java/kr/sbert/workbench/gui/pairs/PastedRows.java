package kr.sbert.workbench.gui.pairs;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows pasted from the clipboard (a spreadsheet selection): one pair per line,
 * {@code sentence1 TAB sentence2 [TAB gold]}. A header line naming the columns is skipped.
 */
public final class PastedRows {
    private PastedRows() {
    }

    /**
     * @throws IllegalArgumentException naming the line when a line has fewer than two columns
     *                                  or an unparsable gold
     */
    public static List<PairRow> parse(String text) {
        List<PairRow> rows = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 2) {
                throw new IllegalArgumentException("pasted line " + (i + 1)
                        + ": expected sentence1<TAB>sentence2[<TAB>gold], found " + cols.length + " column");
            }
            Double gold = null;
            if (cols.length >= 3 && !cols[2].isBlank()) {
                try {
                    gold = Double.valueOf(cols[2].strip());
                } catch (NumberFormatException e) {
                    if (rows.isEmpty() && i == firstNonBlank(lines)) {
                        continue; // a header line such as "sentence1 sentence2 score"
                    }
                    throw new IllegalArgumentException("pasted line " + (i + 1) + ": gold '" + cols[2].strip()
                            + "' is not a number");
                }
            }
            rows.add(new PairRow(cols[0].strip(), cols[1].strip(), gold));
        }
        return rows;
    }

    private static int firstNonBlank(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
