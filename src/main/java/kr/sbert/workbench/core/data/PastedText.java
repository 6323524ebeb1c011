package kr.sbert.workbench.core.data;

import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * Sentence pairs pasted as text (a spreadsheet selection, or lines copied from a data file),
 * read with the same rules as the file readers: tab-separated, quoting off, gold optional
 * and in 0–5. Accepted layouts, by the first non-empty line:
 * <ul>
 *   <li>the KorSTS header ({@code genre filename year id score sentence1 sentence2}) → KorSTS rows;</li>
 *   <li>a header naming the columns as a TSV file would ({@code sentence1}, {@code sentence2},
 *       {@code score}, …) → TSV rows;</li>
 *   <li>no header: each line is {@code sentence1 TAB sentence2 [TAB gold]}, or the seven KorSTS
 *       columns as they stand in {@code sts-*.tsv} (the score fifth, the sentences last).</li>
 * </ul>
 * A bad line stops the paste with {@code pasted line N: reason}.
 */
public final class PastedText {
    /** The source name errors carry; they read {@code pasted line N: …}. */
    static final String SOURCE = "pasted";

    private PastedText() {
    }

    /**
     * @throws InvalidInputException naming the pasted line and what is wrong with it
     */
    public static List<SentencePair> parse(String text) throws InvalidInputException {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        RowCollector rows = new RowCollector(SOURCE, false);
        String[] lines = normalized.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            return List.of();
        }
        List<String> cells = List.of(lines[first].split("\t", -1));
        if (KorStsTsvParser.isHeader(lines[first])) {
            headerless(lines, first + 1, rows);
        } else if (cells.size() >= 2 && ColumnAliases.find(trimmed(cells), ColumnAliases.SENTENCE1) >= 0
                && ColumnAliases.find(trimmed(cells), ColumnAliases.SENTENCE2) >= 0) {
            // Blank lines before the header would shift the parser's line numbers: drop them as blank text.
            DelimitedParser.parse("\n".repeat(first) + String.join("\n", List.of(lines).subList(first, lines.length)),
                    '\t', rows);
        } else {
            headerless(lines, first, rows);
        }
        return rows.pairs();
    }

    private static List<String> trimmed(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            out.add(c.strip());
        }
        return out;
    }

    private static void headerless(String[] lines, int from, RowCollector rows) throws InvalidInputException {
        for (int i = from; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] c = lines[i].split("\t", -1);
            int line = i + 1;
            switch (c.length) {
                case 2 -> rows.accept(line, c[0].strip(), c[1].strip(), null, RowCollector.GoldRange.ZERO_TO_FIVE.optional());
                case 3 -> rows.accept(line, c[0].strip(), c[1].strip(), c[2], RowCollector.GoldRange.ZERO_TO_FIVE.optional());
                case 7 -> rows.accept(line, c[5], c[6], c[4], RowCollector.GoldRange.ZERO_TO_FIVE);
                default -> rows.reject(line, "expected sentence1<TAB>sentence2[<TAB>gold] or the 7 KorSTS columns"
                        + " (genre, filename, year, id, score, sentence1, sentence2), found " + c.length
                        + (c.length == 1 ? " column" : " columns"));
            }
        }
    }
}
