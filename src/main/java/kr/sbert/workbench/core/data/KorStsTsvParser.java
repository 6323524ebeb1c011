package kr.sbert.workbench.core.data;

import java.util.List;
import java.util.Locale;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * KorSTS TSV: header {@code genre filename year id score sentence1 sentence2}, then one pair
 * per line, split on tabs with quoting off (KorSTS sentences hold {@code "} characters), gold
 * 0–5. Lines end in LF or CRLF; the last may have no line end; empty lines are not rows.
 */
final class KorStsTsvParser {
    static final List<String> HEADER = List.of("genre", "filename", "year", "id", "score", "sentence1", "sentence2");

    private KorStsTsvParser() {
    }

    static boolean isHeader(String firstLine) {
        String[] cells = stripCr(firstLine).split("\t", -1);
        if (cells.length != HEADER.size()) {
            return false;
        }
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].strip().toLowerCase(Locale.ROOT).equals(HEADER.get(i))) {
                return false;
            }
        }
        return true;
    }

    static void parse(String text, RowCollector rows) throws InvalidInputException {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !isHeader(lines[0])) {
            throw rows.fileError(1, "expected the KorSTS header 'genre<TAB>filename<TAB>year<TAB>id<TAB>score"
                    + "<TAB>sentence1<TAB>sentence2'");
        }
        int start = lines[0].length() + 1;
        for (int i = 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            int lineStart = start;
            start += lines[i].length() + 1;
            if (line.isEmpty()) {
                continue;
            }
            rows.span(lineStart, lineStart + line.length());
            String[] cells = line.split("\t", -1);
            if (cells.length != HEADER.size()) {
                rows.reject(i + 1, "expected 7 tab-separated columns, found " + cells.length);
                continue;
            }
            rows.accept(i + 1, cells[5], cells[6], cells[4], RowCollector.GoldRange.ZERO_TO_FIVE, attributes(cells));
        }
    }

    /** genre, filename, year and id: the slice keys of a KorSTS row. */
    private static java.util.Map<String, String> attributes(String[] cells) {
        java.util.Map<String, String> a = new java.util.LinkedHashMap<>();
        for (int c = 0; c < 4; c++) {
            a.put(HEADER.get(c), cells[c].strip());
        }
        return a;
    }

    static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
