package kr.sbert.workbench.core.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * JSON Lines: one object per non-empty line, keys as {@link ColumnAliases} (or a KLUE-style
 * {@code labels} object). A line that is not valid JSON is a malformed row.
 */
final class JsonlParser {

    private JsonlParser() {
    }

    // A pretty-printed single object fails on its first line; that is a layout error, not a bad row.
    private static boolean isOneJsonObject(String text) {
        try {
            return JsonParser.parseString(text).isJsonObject();
        } catch (JsonParseException e) {
            return false;
        }
    }

    static void parse(String text, GoldField goldField, RowCollector rows) throws InvalidInputException {
        String[] lines = text.split("\n", -1);
        RowCollector.GoldRange range = goldField == GoldField.BINARY_LABEL
                ? RowCollector.GoldRange.ZERO_TO_ONE : RowCollector.GoldRange.ZERO_TO_FIVE;
        boolean checkedLayout = false;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = KorStsTsvParser.stripCr(lines[i]);
            int lineStart = start;
            start += lines[i].length() + 1;
            if (line.isBlank()) {
                continue;
            }
            rows.span(lineStart, lineStart + line.length());
            JsonElement e;
            try {
                e = JsonParser.parseString(line);
            } catch (JsonParseException ex) {
                if (!checkedLayout && isOneJsonObject(text)) {
                    throw rows.fileError(i + 1, "one JSON object spread over several lines; expected one object"
                            + " per line (JSONL) or an array of pairs (KLUE-STS JSON)");
                }
                checkedLayout = true;
                rows.reject(i + 1, "not valid JSON");
                continue;
            }
            JsonRows.accept(e, i + 1, goldField, range, rows);
        }
    }
}
